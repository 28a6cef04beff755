using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Browser.Tests;

// The press office's /alerts page in headless Debian Chromium against the real service.
[Category("Integration")]
public sealed class AlertsPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const float Timeout = 20_000;

    private BrowserHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [SetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"No browser at {Chromium}: install Debian's chromium (apt-get install chromium fonts-wqy-zenhei) to run the page tests.");
        }

        _host = new BrowserHost();
        _ = _host.BaseAddress;
        await _host.Services.GetRequiredService<Insights.Alerts.Delivery.AlertFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task AlertsPage_ANewAlert_AppearsLiveAndIsAcknowledged()
    {
        var store = _host.Services.GetRequiredService<IAlertStore>();
        var now = DateTimeOffset.UtcNow;
        await RecordTrafficAsync(now);
        var earlier = await store.RaiseOrUpdateAsync(Drafts.Escalation(now.AddMinutes(-20)), now.AddMinutes(-20), CancellationToken.None);
        var page = await OpenAsync(1280, 900);
        await page.Locator($"#alert-{earlier.Alert.Id}").WaitForAsync(new() { Timeout = Timeout });
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var raised = await store.RaiseOrUpdateAsync(Drafts.Spike(now), now, CancellationToken.None);
        var card = page.Locator($"#alert-{raised.Alert.Id}");
        await card.WaitForAsync(new() { Timeout = Timeout });

        Assert.That(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), Is.True, "it arrived without a reload");
        Assert.That(await page.Locator("#alerts > li").First.GetAttributeAsync("id"), Is.EqualTo($"alert-{raised.Alert.Id}"), "new alerts go on top");
        Assert.That(await card.Locator(".badge").TextContentAsync(), Is.EqualTo("新"));
        Assert.That(await card.Locator("h3").TextContentAsync(), Is.EqualTo(raised.Alert.Title));
        Assert.That(await card.Locator(".evidence").TextContentAsync(), Does.Contain("14").And.Contain("泊松 z"));
        Assert.That(await card.Locator("svg rect.negative").CountAsync(), Is.EqualTo(3), "its series drawn");

        await card.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await page.Locator("#operator-input").FillAsync("张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await card.Locator(".badge", new() { HasTextString = "已确认" }).WaitForAsync(new() { Timeout = Timeout });

        Assert.That(await card.Locator(".handled").TextContentAsync(), Does.Contain("确认：张三"));
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/alerts?status=acknowledged");
        Assert.That(listed.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()), Is.EqualTo(new[] { raised.Alert.Id }));

        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "alerts-page.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Out.WriteLine($"Screenshot: {screenshot}");
    }

    [Test]
    public async Task AlertsPage_ChineseText_IsDrawnWithWenQuanYiNotTofu()
    {
        var page = await OpenAsync(1280, 900);
        await page.Locator("#trends .trend").First.WaitForAsync(new() { Timeout = Timeout });

        Assert.That(await page.TitleAsync(), Is.EqualTo("舆情预警 · 经信委咨询服务"));
        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("zh-CN"));
        Assert.That(await page.Locator("#trends .trend h3 span").AllTextContentsAsync(),
            Is.EqualTo(new[] { "中小企业", "工业互联网", "工业技改", "新能源汽车", "政务诚信" }));
        var family = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.That(family, Does.EndWith("\"WenQuanYi Zen Hei\", sans-serif"));

        // Which fonts Chromium really drew the heading with, and how many glyphs came from each: every one of the
        // heading's characters must come from a font that has it, which rules out tofu boxes.
        var fonts = await PlatformFontsAsync(page, "h1");
        var heading = await page.Locator("h1").TextContentAsync();
        Assert.That(fonts.Select(f => f.Family), Has.Some.Contains("WenQuanYi"), string.Join(", ", fonts));
        Assert.That(fonts.Sum(f => f.Glyphs), Is.EqualTo(heading!.Length));
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "alerts-page-fonts.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Out.WriteLine($"Screenshot: {screenshot}");
    }

    [Test]
    public async Task AlertsPage_OnAPhone_FitsTheWidthAndShowsTextAsText()
    {
        var store = _host.Services.GetRequiredService<IAlertStore>();
        var now = DateTimeOffset.UtcNow;
        var hostile = Drafts.Spike(now) with { Title = "<img src=x onerror=\"window.injected=1\">新能源汽车" };
        var raised = await store.RaiseOrUpdateAsync(hostile, now, CancellationToken.None);

        var page = await OpenAsync(390, 844);
        var card = page.Locator($"#alert-{raised.Alert.Id}");
        await card.WaitForAsync(new() { Timeout = Timeout });

        Assert.That(await card.Locator("h3").TextContentAsync(), Is.EqualTo(hostile.Title), "shown as text");
        Assert.That(await card.Locator("img").CountAsync(), Is.Zero);
        Assert.That(await page.EvaluateAsync<bool>("() => window.injected === undefined"), Is.True);
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "no sideways scrolling");
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "alerts-page-phone.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Out.WriteLine($"Screenshot: {screenshot}");
    }

    private async Task<IPage> OpenAsync(int width, int height)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(_host.BaseAddress, "/alerts").ToString());
        await page.Locator("#connection[data-state=live]").WaitForAsync(new() { Timeout = Timeout });
        Assert.That(errors, Is.Empty, "no script errors");
        return page;
    }

    private async Task RecordTrafficAsync(DateTimeOffset now)
    {
        var statistics = _host.Services.GetRequiredService<IInquiryStatistics>();
        var topics = new[] { "sme", "industrial_internet", "tech_upgrade", "nev", "gov_integrity" };
        for (var day = 0; day < 7; day++)
        {
            for (var i = 0; i < topics.Length; i++)
            {
                for (var n = 0; n < 2 + ((day + i) % 4); n++)
                {
                    var negative = topics[i] == "nev" && day == 0 ? n < 3 : n == 0 && day % 2 == 0;
                    await statistics.RecordAsync(
                        new InquirySignal(now.AddDays(-day), "wechat", $"u{day}{i}{n}", null, "补贴什么时候到账",
                            negative ? "negative" : "neutral", negative ? 0.9f : 0.1f, topics[i], "sme"),
                        CancellationToken.None);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<(string Family, int Glyphs)>> PlatformFontsAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var nodeId = node!.Value.GetProperty("nodeId").GetInt32();
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = nodeId });
        return [.. fonts!.Value.GetProperty("fonts").EnumerateArray()
            .Select(f => (f.GetProperty("familyName").GetString()!, f.GetProperty("glyphCount").GetInt32()))];
    }
}
