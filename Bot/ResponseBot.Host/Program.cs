using ResponseBot.Bot;
using ResponseBot.Connectors.WeChat;
using ResponseBot.Host;
using ResponseBot.Host.Endpoints;
using ResponseBot.Insights;
using ResponseBot.Knowledge;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json and data/ are linked into the output folder: read them there, wherever the service starts.
    ContentRootPath = AppContext.BaseDirectory,
});

// appsettings.json holds the default address (Urls), and app settings outrank the ASPNETCORE_ variables: read those
// and the command line once more so ASPNETCORE_URLS and --urls still override the default.
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);

builder.AddKnowledge();
builder.AddBot();
builder.AddWeChat();
builder.AddInsights();
builder.AddHttpApi();

var app = builder.Build();

app.UseHttpApi();
app.MapAskEndpoints();
app.MapKnowledgeEndpoints();
app.MapWeChatEndpoints();
app.MapRecordsEndpoints();
app.MapAlertEndpoints();
app.MapAlertPage();
app.MapHealthEndpoints();
app.MapOpenApi();

app.Run();
