using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Integration.Tests.AlertsApi;

// The alert endpoints through HTTP against the real service and its SQLite alert store.
[Category("Integration")]
public sealed class AlertsApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private AlertsHost _host = null!;
    private HttpClient _client = null!;
    private DateTimeOffset _now;

    [SetUp]
    public async Task StartAsync()
    {
        // Half past an hour, so what is recorded "now" is in this hour's bucket whenever the test runs.
        _now = new DateTimeOffset(2026, 11, 27, 3, 30, 0, TimeSpan.Zero);
        _host = new AlertsHost(time: new FixedNowTimeProvider(_now));
        await _host.StartAsync();
        _client = _host.CreateClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task ListAlerts_Filters_ReturnOnlyMatchingAlertsNewestFirst()
    {
        var spike = await RaiseAsync(AlertDrafts.Spike("nev", 14, _now));
        var escalation = await RaiseAsync(AlertDrafts.Escalation("sme", _now), _now.AddMinutes(1));
        var repeats = await RaiseAsync(AlertDrafts.Repeats(_now), _now.AddMinutes(2));
        await _host.Store.AcknowledgeAsync(escalation.Id, "李四", _now.AddMinutes(3), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync("/api/alerts"), Is.EqualTo(new[] { escalation.Id, repeats.Id, spike.Id }), "all, most recently updated first");
            Assert.That(await IdsAsync("/api/alerts?status=new"), Is.EqualTo(new[] { repeats.Id, spike.Id }));
            Assert.That(await IdsAsync("/api/alerts?status=ACKNOWLEDGED"), Is.EqualTo(new[] { escalation.Id }), "names ignore case");
            Assert.That(await IdsAsync("/api/alerts?kind=repeats"), Is.EqualTo(new[] { repeats.Id }));
            Assert.That(await IdsAsync("/api/alerts?topic=nev"), Is.EqualTo(new[] { spike.Id }));
            Assert.That(await IdsAsync("/api/alerts?kind=spike&status=acknowledged"), Is.Empty);
            Assert.That(await IdsAsync("/api/alerts?limit=1"), Is.EqualTo(new[] { escalation.Id }));
        });
    }

    [Test]
    public async Task ListAlerts_Response_CarriesEnumsAsNamesAndChineseNames()
    {
        var raised = await RaiseAsync(AlertDrafts.Spike("nev", 14, _now));

        var body = await _client.GetFromJsonAsync<JsonElement>("/api/alerts");

        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(1));
        var alert = body.GetProperty("alerts")[0];
        Assert.Multiple(() =>
        {
            Assert.That(alert.GetProperty("id").GetString(), Is.EqualTo(raised.Id));
            Assert.That(alert.GetProperty("kind").GetString(), Is.EqualTo("spike"));
            Assert.That(alert.GetProperty("status").GetString(), Is.EqualTo("new"));
            Assert.That(alert.GetProperty("topicName").GetString(), Is.EqualTo("新能源汽车"));
            Assert.That(alert.GetProperty("departmentName").GetString(), Is.EqualTo("汽车产业处"));
            Assert.That(alert.GetProperty("evidence").GetProperty("count").GetInt32(), Is.EqualTo(14));
            Assert.That(alert.GetProperty("evidence").GetProperty("series").GetArrayLength(), Is.EqualTo(2));
            Assert.That(alert.GetProperty("evidence").GetProperty("samples")[0].GetProperty("text").GetString(), Does.Contain("138****5678"));
        });
    }

    [TestCase("status=open", "status")]
    [TestCase("kind=storm", "kind")]
    [TestCase("topic=weather", "topic")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    public async Task ListAlerts_UnknownValue_Is400NamingIt(string query, string parameter)
    {
        using var response = await _client.GetAsync($"/api/alerts?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, problem.GetRawText());
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(query.Split('=')[1]));
    }

    [Test]
    public async Task GetAlert_KnownAndUnknown_AnswerTheAlertOr404()
    {
        var raised = await RaiseAsync(AlertDrafts.Escalation("sme", _now));

        var alert = await _client.GetFromJsonAsync<JsonElement>($"/api/alerts/{raised.Id}");
        using var missing = await _client.GetAsync("/api/alerts/AL-19990101-0001");

        Assert.That(alert.GetProperty("evidence").GetProperty("terms").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "曝光", "媒体" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("AL-19990101-0001"));
    }

    [Test]
    public async Task AcknowledgeThenResolve_RecordWhoAndChangeStatus()
    {
        var raised = await RaiseAsync(AlertDrafts.Spike("nev", 9, _now));

        using var ack = await _client.PostAsJsonAsync($"/api/alerts/{raised.Id}/ack", new { by = "  王五  " });
        using var resolve = await _client.PostAsJsonAsync($"/api/alerts/{raised.Id}/resolve", new { by = "赵六" });

        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var acknowledged = await ack.Content.ReadFromJsonAsync<JsonElement>();
        var resolved = await resolve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged.GetProperty("status").GetString(), Is.EqualTo("acknowledged"));
            Assert.That(acknowledged.GetProperty("acknowledgedBy").GetString(), Is.EqualTo("王五"), "trimmed");
            Assert.That(resolved.GetProperty("status").GetString(), Is.EqualTo("resolved"));
            Assert.That(resolved.GetProperty("resolvedBy").GetString(), Is.EqualTo("赵六"));
            Assert.That(resolved.GetProperty("revision").GetInt32(), Is.EqualTo(3));
        });
        var stored = await _host.Store.GetAsync(raised.Id, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(AlertStatus.Resolved));
    }

    [TestCase("ack", AlertStatus.Acknowledged, "acknowledged")]
    [TestCase("ack", AlertStatus.Resolved, "resolved")]
    [TestCase("resolve", AlertStatus.Resolved, "resolved")]
    public async Task StatusChange_TheStateDoesNotAllow_Is409WithTheCurrentStatus(string action, AlertStatus before, string current)
    {
        var raised = await RaiseAsync(AlertDrafts.Spike("nev", 9, _now));
        if (before == AlertStatus.Acknowledged)
        {
            await _host.Store.AcknowledgeAsync(raised.Id, "甲", _now, CancellationToken.None);
        }
        else
        {
            await _host.Store.ResolveAsync(raised.Id, "甲", _now, CancellationToken.None);
        }

        using var response = await _client.PostAsJsonAsync($"/api/alerts/{raised.Id}/{action}", new { by = "乙" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("alertStatus").GetString(), Is.EqualTo(current));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(current));
    }

    [TestCase("ack")]
    [TestCase("resolve")]
    public async Task StatusChange_UnknownId_Is404(string action)
    {
        using var response = await _client.PostAsJsonAsync($"/api/alerts/AL-19990101-0001/{action}", new { by = "乙" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("""{"by":""}""")]
    [TestCase("""{"by":"   "}""")]
    [TestCase("""{}""")]
    [TestCase("""{"by":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}""")]
    public async Task StatusChange_WithoutAGoodName_Is400AndChangesNothing(string body)
    {
        var raised = await RaiseAsync(AlertDrafts.Spike("nev", 9, _now));

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync($"/api/alerts/{raised.Id}/ack", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("by", out _), Is.True);
        Assert.That((await _host.Store.GetAsync(raised.Id, CancellationToken.None))!.Status, Is.EqualTo(AlertStatus.New));
    }

    [Test]
    public async Task Stream_AChangeRaisedAfterConnecting_ArrivesAsAnAlertEvent()
    {
        var before = await RaiseAsync(AlertDrafts.Repeats(_now));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts/stream");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.WaitForCommentAsync("connected", Wait);

        var raised = await ChangeAsync(AlertDrafts.Spike("nev", 14, _now));
        var first = await events.NextAsync(Wait);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var data = JsonSerializer.Deserialize<JsonElement>(first.Data);
        Assert.Multiple(() =>
        {
            Assert.That(first.Event, Is.EqualTo("alert"));
            Assert.That(first.Id, Is.EqualTo(raised.Cursor), "the event id is the feed cursor");
            Assert.That(data.GetProperty("change").GetString(), Is.EqualTo("raised"));
            Assert.That(data.GetProperty("alert").GetProperty("id").GetString(), Is.EqualTo(raised.Alert.Id), $"not {before.Id}, raised before");
            Assert.That(data.GetProperty("alert").GetProperty("topicName").GetString(), Is.EqualTo("新能源汽车"));
        });
    }

    [Test]
    public async Task Stream_WithLastEventId_ReplaysTheChangesAfterItInOrder()
    {
        var first = await RaiseAsync(AlertDrafts.Spike("nev", 9, _now));
        var acknowledged = await _host.Store.AcknowledgeAsync(first.Id, "甲", _now, CancellationToken.None);
        var second = await ChangeAsync(AlertDrafts.Escalation("sme", _now));
        var firstCursor = (await _host.Store.ReadFeedAsync(null, 10, CancellationToken.None))[0].Cursor;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts/stream");
        request.Headers.Add("Last-Event-ID", firstCursor);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        var replayed = new[] { await events.NextAsync(Wait), await events.NextAsync(Wait) };

        Assert.That(replayed.Select(e => e.Id), Is.EqualTo(new[] { acknowledged!.Cursor, second.Cursor }));
        Assert.That(
            replayed.Select(e => JsonSerializer.Deserialize<JsonElement>(e.Data).GetProperty("change").GetString()),
            Is.EqualTo(new[] { "acknowledged", "raised" }));
    }

    [Test]
    public async Task Stream_ReplayedFromAnOldCursor_GoesOnLive()
    {
        var old = await ChangeAsync(AlertDrafts.Repeats(_now));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts/stream");
        request.Headers.Add("Last-Event-ID", old.Cursor);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.WaitForCommentAsync("connected", Wait);

        var later = await ChangeAsync(AlertDrafts.Spike("nev", 9, _now));

        Assert.That((await events.NextAsync(Wait)).Id, Is.EqualTo(later.Cursor), "nothing twice, nothing missed");
    }

    [Test]
    public async Task Trends_Hourly_GiveEveryHotTopicWithZeroFilledPoints()
    {
        await RecordAsync("nev", "negative", 3);
        await RecordAsync("nev", "neutral", 1);
        await RecordAsync("sme", "positive", 2);

        var trends = await _client.GetFromJsonAsync<JsonElement>("/api/alerts/trends?days=1");

        Assert.That(trends.GetProperty("bucket").GetString(), Is.EqualTo("hour"));
        var topics = trends.GetProperty("topics").EnumerateArray().ToList();
        Assert.That(topics.Select(t => t.GetProperty("code").GetString()),
            Is.EqualTo(new[] { "sme", "industrial_internet", "tech_upgrade", "nev", "gov_integrity" }));
        Assert.That(topics.Select(t => t.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "中小企业", "工业互联网", "工业技改", "新能源汽车", "政务诚信" }));
        var nev = topics.Single(t => t.GetProperty("code").GetString() == "nev");
        var points = nev.GetProperty("points").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(points, Has.Count.EqualTo(24));
            Assert.That(nev.GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(nev.GetProperty("negative").GetInt32(), Is.EqualTo(3));
            Assert.That(nev.GetProperty("negativeShare").GetDouble(), Is.EqualTo(0.75));
            Assert.That(points[^1].GetProperty("start").GetDateTimeOffset(), Is.EqualTo(_now.AddMinutes(-30)), "this hour is the last point");
            Assert.That(points[^1].GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(points.Take(23).Sum(p => p.GetProperty("total").GetInt32()), Is.Zero);
            Assert.That(topics[0].GetProperty("negativeShare").GetDouble(), Is.Zero);
        });
    }

    [Test]
    public async Task Trends_OverAWeek_AreDailyWithTheWholeCount()
    {
        await RecordAsync("gov_integrity", "negative", 2);

        var trends = await _client.GetFromJsonAsync<JsonElement>("/api/alerts/trends");

        Assert.That(trends.GetProperty("days").GetInt32(), Is.EqualTo(7));
        Assert.That(trends.GetProperty("bucket").GetString(), Is.EqualTo("day"));
        var topic = trends.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "gov_integrity");
        Assert.That(topic.GetProperty("points").GetArrayLength(), Is.EqualTo(7));
        // 03:30 UTC is 11:30 on the 27th in China: the last day starts at midnight there, 16:00 UTC the day before.
        Assert.That(topic.GetProperty("points")[6].GetProperty("start").GetDateTimeOffset(),
            Is.EqualTo(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero)));
        Assert.That(topic.GetProperty("points")[6].GetProperty("negative").GetInt32(), Is.EqualTo(2), "today, China time");
    }

    [TestCase(0)]
    [TestCase(31)]
    public async Task Trends_DaysOutOfRange_Is400(int days)
    {
        using var response = await _client.GetAsync($"/api/alerts/trends?days={days}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<Alert> RaiseAsync(AlertDraft draft, DateTimeOffset? at = null) =>
        (await ChangeAsync(draft, at)).Alert;

    private Task<AlertChange> ChangeAsync(AlertDraft draft, DateTimeOffset? at = null) =>
        _host.Store.RaiseOrUpdateAsync(draft, at ?? _now, CancellationToken.None);

    private async Task<IReadOnlyList<string>> IdsAsync(string path)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>(path);
        return [.. body.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }

    private async Task RecordAsync(string topic, string sentiment, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _host.Statistics.RecordAsync(
                new InquirySignal(_now, "wechat", $"user-{i}", null, "充电桩补贴什么时候发", sentiment,
                    sentiment == "negative" ? 0.9f : 0.1f, topic, "auto"),
                CancellationToken.None);
        }
    }
}
