using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ResponseBot.Connectors.WeChat;

/// <summary>Maps the 公众号 server URL.</summary>
public static class WeChatEndpoints
{
    /// <summary>The path configured as the server URL in the 公众号 admin console.</summary>
    public const string Path = "/wechat";

    /// <summary>Maps GET (URL verification) and POST (messages) at <see cref="Path"/> when <c>WeChat:Enabled</c>.</summary>
    public static IEndpointRouteBuilder MapWeChatEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<WeChatOptions>>().Value.Enabled)
        {
            return app;
        }

        // One webhook for the life of the service: it holds the account's decoded key.
        var webhook = ActivatorUtilities.CreateInstance<WeChatWebhook>(app.ServiceProvider);
        var group = app.MapGroup(Path).ExcludeFromDescription();
        group.MapGet("", (HttpRequest request) => webhook.Verify(request));
        group.MapPost("", (HttpRequest request) => webhook.ReceiveAsync(request))
            // WeChat's messages are small, but the limit is the connector's own, not the JSON API's.
            .WithMetadata(new RequestSizeLimitAttribute(WeChatWebhook.MaxBodyBytes));
        return app;
    }
}
