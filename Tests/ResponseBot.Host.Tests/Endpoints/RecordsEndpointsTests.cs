using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Bot.Privacy;
using ResponseBot.Bot.Records;
using ResponseBot.Bot.Turns;

namespace ResponseBot.Host.Tests.Endpoints;

/// <summary>
/// The record listings on a service of their own, so that the records seen are exactly the ones seeded here through
/// the service's own <see cref="IConversationRecords"/>.
/// </summary>
public sealed class RecordsEndpointsTests
{
    private const string Mobile = "13812345678";
    private const string Landline = "0519-85681234";

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    private ResponseBotFactory _factory = null!;
    private HttpClient _client = null!;
    private WorkOrder _smeOld = null!;
    private WorkOrder _creditClosed = null!;
    private WorkOrder _smeNew = null!;

    [OneTimeSetUp]
    public async Task StartAndSeed()
    {
        _factory = new ResponseBotFactory(ResponseBotFactory.NewDatabasePath());
        _client = _factory.CreateClient();
        var records = _factory.Services.GetRequiredService<IConversationRecords>();

        _smeOld = await records.CreateWorkOrderAsync(Order("sme", WorkOrderStatus.Open, Start), CancellationToken.None);
        _creditClosed = await records.CreateWorkOrderAsync(Order("credit", WorkOrderStatus.Closed, Start.AddMinutes(1)), CancellationToken.None);
        _smeNew = await records.CreateWorkOrderAsync(Order("sme", WorkOrderStatus.Open, Start.AddMinutes(2)), CancellationToken.None);

        await records.AddFeedbackAsync(new Feedback("wechat", "user-a", "enterprise-cloud", 3, true, Start), CancellationToken.None);
        await records.AddFeedbackAsync(new Feedback("wechat", "user-b", "sme-loan", null, false, Start.AddMinutes(1)), CancellationToken.None);
        await records.AddFeedbackAsync(new Feedback("hotline", "user-c", "enterprise-cloud", 3, false, Start.AddMinutes(2)), CancellationToken.None);

        await records.AddInteractionAsync(Interaction("m1", "wechat", "user-a", Start), CancellationToken.None);
        await records.AddInteractionAsync(Interaction("m2", "wechat", "user-b", Start.AddMinutes(1)), CancellationToken.None);
        await records.AddInteractionAsync(Interaction("m3", "hotline", "user-a", Start.AddMinutes(2)), CancellationToken.None);
        await records.AddInteractionAsync(Interaction("m4", "wechat", "user-a", Start.AddMinutes(3)), CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        ResponseBotFactory.DeleteDatabase(_factory.SqlitePath);
    }

    [Test]
    public async Task ListWorkOrders_NoFilter_ListsNewestFirstWithContactsMaskedAndEnumsAsNames()
    {
        var list = await GetJsonAsync("/api/workorders");

        var orders = list.GetProperty("orders").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("count").GetInt32(), Is.EqualTo(3));
            Assert.That(orders.Select(Id), Is.EqualTo(new[] { _smeNew.Id, _creditClosed.Id, _smeOld.Id }));
            Assert.That(
                orders.Select(o => o.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()).ToList()),
                Has.All.EqualTo(new[] { PersonalData.Mask(Mobile), PersonalData.Mask(Landline) }));
            Assert.That(list.ToString(), Does.Not.Contain(Mobile).And.Not.Contain(Landline));
            Assert.That(orders[0].GetProperty("reason").GetString(), Is.EqualTo("repeated_fallback"));
            Assert.That(orders[0].GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(orders[1].GetProperty("status").GetString(), Is.EqualTo("closed"));
            Assert.That(orders[0].GetProperty("userId").GetString(), Is.EqualTo("oUser-1"));
            Assert.That(orders[0].GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(_smeNew.CreatedAt));
        });
        var transcript = orders[0].GetProperty("transcript").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(transcript.Select(l => l.GetProperty("text").GetString()), Is.EqualTo(_smeNew.Transcript.Select(l => l.Text)));
            Assert.That(transcript.Select(l => l.GetProperty("fromUser").GetBoolean()), Is.EqualTo(new[] { true, false }));
        });
    }

    [TestCase("?department=sme", "sme", null)]
    [TestCase("?status=closed", null, "closed")]
    [TestCase("?department=sme&status=open", "sme", "open")]
    [TestCase("?status=OPEN", null, "open")]
    public async Task ListWorkOrders_Filtered_ListsOnlyMatchingOrders(string query, string? department, string? status)
    {
        var list = await GetJsonAsync("/api/workorders" + query);

        var orders = list.GetProperty("orders").EnumerateArray().ToList();
        Assert.That(orders, Is.Not.Empty);
        Assert.That(orders, Has.All.Matches<JsonElement>(o =>
            (department is null || o.GetProperty("department").GetString() == department) &&
            (status is null || o.GetProperty("status").GetString() == status)));
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(500, 3)]
    public async Task ListWorkOrders_LimitWithinBounds_ListsAtMostThatMany(int limit, int expected)
    {
        var list = await GetJsonAsync($"/api/workorders?limit={limit}");

        Assert.That(list.GetProperty("orders").EnumerateArray().Select(Id), Is.EqualTo(new[] { _smeNew.Id, _creditClosed.Id, _smeOld.Id }.Take(expected)));
    }

    [Test]
    public async Task GetWorkOrder_KnownId_ReturnsTheOrderWithContactsWhole()
    {
        var order = await GetJsonAsync($"/api/workorders/{_creditClosed.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(Id(order), Is.EqualTo(_creditClosed.Id));
            Assert.That(order.GetProperty("department").GetString(), Is.EqualTo("credit"));
            Assert.That(order.GetProperty("question").GetString(), Is.EqualTo(_creditClosed.Question));
            Assert.That(order.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { Mobile, Landline }));
        });
    }

    [Test]
    public async Task GetWorkOrder_UnknownId_IsNotFoundProblemNamingTheId()
    {
        using var response = await _client.GetAsync("/api/workorders/WO-20000101-0001");

        var problem = await Problems.AssertProblemAsync(response, 404);
        Assert.That(problem.Detail(), Does.Contain("WO-20000101-0001"));
    }

    [TestCase("/api/workorders?department=mayor", "mayor")]
    [TestCase("/api/workorders?status=pending", "pending")]
    [TestCase("/api/workorders?status=0", "status")]
    [TestCase("/api/workorders?limit=0", "limit")]
    [TestCase("/api/workorders?limit=501", "limit")]
    [TestCase("/api/workorders?limit=many", "limit")]
    [TestCase("/api/feedback?limit=0", "limit")]
    [TestCase("/api/feedback?limit=501", "limit")]
    [TestCase("/api/interactions?limit=-1", "limit")]
    [TestCase("/api/interactions?userId=user-a", "channel")]
    public async Task Listings_BadQuery_IsBadRequestProblemSayingWhat(string url, string mentioned)
    {
        using var response = await _client.GetAsync(url);

        var problem = await Problems.AssertProblemAsync(response, 400);
        Assert.That(problem.Detail(), Does.Contain(mentioned));
    }

    [Test]
    public async Task ListFeedback_ByEntry_ListsItsVerdictsNewestFirst()
    {
        var all = await GetJsonAsync("/api/feedback");
        var cloud = await GetJsonAsync("/api/feedback?entryId=enterprise-cloud&limit=10");

        var verdicts = cloud.GetProperty("feedback").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all.GetProperty("count").GetInt32(), Is.EqualTo(3));
            Assert.That(verdicts.Select(v => v.GetProperty("channel").GetString()), Is.EqualTo(new[] { "hotline", "wechat" }));
            Assert.That(verdicts.Select(v => v.GetProperty("satisfied").GetBoolean()), Is.EqualTo(new[] { false, true }));
            Assert.That(verdicts[0].GetProperty("entryVersion").GetInt32(), Is.EqualTo(3));
            Assert.That(verdicts[0].GetProperty("at").GetDateTimeOffset(), Is.EqualTo(Start.AddMinutes(2)));
        });
    }

    [Test]
    public async Task SummarizeFeedback_SumsPerEntry_MostDissatisfiedFirst()
    {
        var summary = await GetJsonAsync("/api/feedback/summary");

        var entries = summary.GetProperty("entries").EnumerateArray()
            .Select(e => (
                e.GetProperty("entryId").GetString(),
                e.GetProperty("satisfied").GetInt32(),
                e.GetProperty("dissatisfied").GetInt32(),
                e.GetProperty("total").GetInt32()))
            .ToList();
        Assert.That(entries, Is.EqualTo(new[] { ("sme-loan", 0, 1, 1), ("enterprise-cloud", 1, 1, 2) }));
    }

    [Test]
    public async Task ListInteractions_ByChannelAndUser_ListsTheirsNewestFirst()
    {
        var all = await GetJsonAsync("/api/interactions?limit=2");
        var userA = await GetJsonAsync("/api/interactions?channel=wechat&userId=user-a");
        var wechat = await GetJsonAsync("/api/interactions?channel=wechat");

        var first = userA.GetProperty("interactions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(Ids(all, "interactions"), Is.EqualTo(new[] { "m4", "m3" }));
            Assert.That(Ids(userA, "interactions"), Is.EqualTo(new[] { "m4", "m1" }));
            Assert.That(Ids(wechat, "interactions"), Is.EqualTo(new[] { "m4", "m2", "m1" }));
            Assert.That(first.GetProperty("inbound").GetString(), Is.EqualTo("text"));
            Assert.That(first.GetProperty("reply").GetString(), Is.EqualTo("fallback"));
            Assert.That(first.GetProperty("text").GetString(), Is.EqualTo(PersonalData.Mask("我的电话" + Mobile)));
            Assert.That(first.GetProperty("score").GetDouble(), Is.EqualTo(0.42));
            Assert.That(first.GetProperty("elapsedMilliseconds").GetInt32(), Is.EqualTo(12));
        });
    }

    [Test]
    public async Task OpenApi_Document_DescribesEveryListingWithItsQuery()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var parameters = paths.GetProperty("/api/workorders").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(
                paths.EnumerateObject().Select(p => p.Name),
                Is.SupersetOf(new[] { "/api/workorders", "/api/workorders/{id}", "/api/feedback", "/api/feedback/summary", "/api/interactions" }));
            Assert.That(parameters, Is.EquivalentTo(new[] { "department", "status", "limit" }));
        });
    }

    private Task<JsonElement> GetJsonAsync(string url) => KnowledgeEndpointsTests.GetJsonAsync(url, _client);

    private static string? Id(JsonElement element) => element.GetProperty("id").GetString();

    private static IEnumerable<string?> Ids(JsonElement list, string property) => list.GetProperty(property).EnumerateArray().Select(Id);

    private static WorkOrder Order(string department, WorkOrderStatus status, DateTimeOffset createdAt) =>
        new(string.Empty, "wechat", "oUser-1", department, HandoffReason.RepeatedFallback, "技改备案要什么材料？",
            [
                new TranscriptLine(createdAt.AddMinutes(-1), true, PersonalData.Mask("技改备案要什么材料？电话" + Mobile)),
                new TranscriptLine(createdAt, false, "抱歉，暂时没有找到答案。"),
            ],
            [Mobile, Landline], status, createdAt);

    private static Interaction Interaction(string id, string channel, string userId, DateTimeOffset at) =>
        new(id, channel, userId, at, InboundKind.Text, PersonalData.Mask("我的电话" + Mobile), ReplyKind.Fallback,
            "抱歉，暂时没有找到答案。", "enterprise-cloud", 0.42, "sme", 12);
}
