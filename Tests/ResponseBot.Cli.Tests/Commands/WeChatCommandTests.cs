using System.Text.Json;
using ResponseBot.Connectors.WeChat;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Cli.Tests.Commands;

/// <summary>
/// <c>wechat menu push</c> against a local fake of the WeChat API. The command reads its configuration from the
/// environment, as an operator would set it, so these tests set <c>WeChat__…</c> variables and must not run beside
/// other tests that read the configuration.
/// </summary>
[NonParallelizable]
public sealed class WeChatCommandTests
{
    private readonly List<string> _variables = [];
    private FakeWeChatApi _fake = null!;

    [SetUp]
    public async Task SetUp()
    {
        _fake = await FakeWeChatApi.StartAsync();
        Set("WeChat__ApiBaseUrl", _fake.BaseUrl);
        Set("WeChat__AppId", _fake.AppId);
        Set("WeChat__AppSecret", _fake.AppSecret);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var name in _variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _variables.Clear();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task Help_WeChatMenuPush_DescribesDryRun()
    {
        var group = await CliRunner.RunAsync("wechat", "menu", "--help");
        var push = await CliRunner.RunAsync("wechat", "menu", "push", "--help");

        Assert.That(group.Stdout, Does.Contain("push"), group.ToString());
        Assert.That(push.Stdout, Does.Contain("--dry-run").And.Contain("WeChat__AppSecret"), push.ToString());
    }

    [Test]
    public async Task MenuPush_DryRun_PrintsTheConfiguredMenuAsJsonWithoutCallingWeChat()
    {
        var configured = ConfiguredMenu();

        var run = await CliRunner.RunAsync("wechat", "menu", "push", "--dry-run");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var buttons = json.RootElement.GetProperty("button");
        Assert.That(buttons.GetArrayLength(), Is.EqualTo(configured.Count));
        Assert.That(buttons[0].GetProperty("name").GetString(), Is.EqualTo(configured[0].Name));
        Assert.That(run.Stdout, Does.Contain(configured[0].Name).And.Not.Contain("\\u"));
        Assert.That(_fake.Calls(FakeEndpoint.StableToken) + _fake.Calls(FakeEndpoint.MenuCreate), Is.Zero);
    }

    [Test]
    public async Task MenuPush_ValidMenu_ReachesWeChat()
    {
        ConfiguredMenu();
        var expected = (await CliRunner.RunAsync("wechat", "menu", "push", "--dry-run")).Stdout.Trim();

        var run = await CliRunner.RunAsync("wechat", "menu", "push");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("errcode 0"));
        Assert.That(_fake.Menus, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task MenuPush_NameTooLong_ExitsTwoListingTheProblemAndSendsNothing()
    {
        ConfiguredMenu();
        Set("WeChat__Menu__0__Name", "常见问题解答");

        var run = await CliRunner.RunAsync("wechat", "menu", "push");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("WeChat:Menu:0 (\"常见问题解答\"): Name is 18 bytes in UTF-8; at most 16"));
        Assert.That(run.Stderr, Does.Contain("error: the menu breaks").And.Contain("nothing was sent"));
        Assert.That(_fake.Calls(FakeEndpoint.StableToken) + _fake.Calls(FakeEndpoint.MenuCreate), Is.Zero);
    }

    [Test]
    public async Task MenuPush_NoAppSecret_ExitsTwoNamingTheVariables()
    {
        ConfiguredMenu();
        Environment.SetEnvironmentVariable("WeChat__AppSecret", null);

        var run = await CliRunner.RunAsync("wechat", "menu", "push");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("WeChat__AppId and WeChat__AppSecret"));
    }

    [Test]
    public async Task MenuPush_WeChatRefusesTheMenu_ExitsOneWithWeChatsAnswer()
    {
        ConfiguredMenu();
        _fake.FailNext(FakeEndpoint.MenuCreate, 1, 40018);

        var run = await CliRunner.RunAsync("wechat", "menu", "push");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.StartWith("error: the menu was not changed").And.Contain("errcode 40018"));
        Assert.That(run.Stderr, Does.Not.Contain(_fake.CurrentToken!));
    }

    [Test]
    public async Task MenuPush_WrongAppSecret_ExitsOneWithoutPrintingTheSecret()
    {
        ConfiguredMenu();
        const string wrong = "wrong0secret0of0thirty0two0chars";
        Set("WeChat__AppSecret", wrong);

        var run = await CliRunner.RunAsync("wechat", "menu", "push");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("errcode 40125").And.Contain("invalid appsecret"));
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(wrong));
        Assert.That(_fake.Calls(FakeEndpoint.MenuCreate), Is.Zero);
    }

    /// <summary>
    /// The menu the configuration ships (appsettings.json beside the program), or, when it ships none, one set in the
    /// environment: configuration arrays merge by index, so the environment cannot replace a shipped menu, only
    /// change its buttons.
    /// </summary>
    private List<WeChatMenuButton> ConfiguredMenu()
    {
        if (CliSettings.Load().WeChat.Menu.Count == 0)
        {
            SetMenu();
        }

        return CliSettings.Load().WeChat.Menu;
    }

    private void SetMenu()
    {
        Set("WeChat__Menu__0__Name", "常见问题");
        Set("WeChat__Menu__0__Key", "FAQ");
        Set("WeChat__Menu__0__EntryIds__0", "kb-0001");
        Set("WeChat__Menu__1__Name", "政策服务");
        Set("WeChat__Menu__1__SubButtons__0__Name", "办事指南");
        Set("WeChat__Menu__1__SubButtons__0__Url", "https://jxw.example.gov.cn/guide");
    }

    private void Set(string name, string value)
    {
        _variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }
}
