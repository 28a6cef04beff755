using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Connectors.WeChat.Tests.Api;

public sealed class WeChatMenuTests
{
    private List<WeChatMenuButton> _menu = null!;

    [SetUp]
    public void SetUp() => _menu =
    [
        new() { Name = "政策服务", SubButtons =
        [
            new() { Name = "专精特新", Key = "POLICY_SRDI", EntryIds = ["kb-0012", "kb-0007"] },
            new() { Name = "办事指南", Url = "https://jxw.example.gov.cn/guide" },
        ] },
        new() { Name = "常见问题", Key = "FAQ", EntryIds = ["kb-0001"] },
        new() { Name = "联系我们", Url = "https://jxw.example.gov.cn/contact" },
    ];

    [Test]
    public void Validate_MenuWithinLimits_HasNoProblems() =>
        Assert.That(WeChatMenu.Validate(_menu), Is.Empty);

    [Test]
    public void ToJson_Menu_IsTheMenuCreateBodyWithChineseAsIs()
    {
        var json = WeChatMenu.Create(_menu).ToJson();

        Assert.That(json, Is.EqualTo(
            """{"button":[{"name":"政策服务","sub_button":[{"type":"click","name":"专精特新","key":"POLICY_SRDI"},""" +
            """{"type":"view","name":"办事指南","url":"https://jxw.example.gov.cn/guide"}]},""" +
            """{"type":"click","name":"常见问题","key":"FAQ"},{"type":"view","name":"联系我们","url":"https://jxw.example.gov.cn/contact"}]}"""));
    }

    [Test]
    public void EntriesFor_ClickKeys_GivesTheirEntriesInOrder()
    {
        var menu = WeChatMenu.Create(_menu);

        Assert.That(menu.EntriesFor("POLICY_SRDI"), Is.EqualTo(new[] { "kb-0012", "kb-0007" }));
        Assert.That(menu.EntriesFor("FAQ"), Is.EqualTo(new[] { "kb-0001" }));
        Assert.That(menu.EntriesFor("NO_SUCH_KEY"), Is.Empty);
    }

    [Test]
    public void EntriesFor_ConfigurationChangedAfterCreate_KeepsTheEntriesItWasMadeWith()
    {
        var menu = WeChatMenu.Create(_menu);

        _menu[1].EntryIds.Add("kb-9999");

        Assert.That(menu.EntriesFor("FAQ"), Is.EqualTo(new[] { "kb-0001" }));
    }

    [Test]
    public void Validate_FourTopButtons_SaysAtMostThree()
    {
        _menu.Add(new WeChatMenuButton { Name = "第四个", Key = "FOURTH" });

        Assert.That(WeChatMenu.Validate(_menu), Is.EqualTo(new[] { "WeChat:Menu has 4 buttons; WeChat shows at most 3" }));
    }

    [Test]
    public void Validate_SixSubButtons_SaysAtMostFive()
    {
        for (var i = 0; i < 4; i++)
        {
            _menu[0].SubButtons.Add(new WeChatMenuButton { Name = $"子菜单{i}", Key = $"SUB_{i}" });
        }

        Assert.That(WeChatMenu.Validate(_menu), Is.EqualTo(new[] { "WeChat:Menu:0 (\"政策服务\") has 6 sub-buttons; at most 5" }));
    }

    [Test]
    public void Validate_TopNameOver16Bytes_NamesTheButtonAndTheSize()
    {
        _menu[1].Name = "常见问题解答"; // 6 characters, 18 bytes

        Assert.That(WeChatMenu.Validate(_menu), Is.EqualTo(new[]
        {
            "WeChat:Menu:1 (\"常见问题解答\"): Name is 18 bytes in UTF-8; at most 16 (a Chinese character is 3)",
        }));
    }

    [Test]
    public void Validate_SubNameOf60And61Bytes_RefusesOnly61()
    {
        _menu[0].SubButtons[0].Name = new string('专', 20);
        Assert.That(WeChatMenu.Validate(_menu), Is.Empty);

        _menu[0].SubButtons[0].Name += "a";
        Assert.That(WeChatMenu.Validate(_menu).Single(), Does.StartWith("WeChat:Menu:0:SubButtons:0").And.Contain("61 bytes"));
    }

    [Test]
    public void Validate_KeyOver128Bytes_Refused()
    {
        _menu[1].Key = new string('K', 129);

        Assert.That(WeChatMenu.Validate(_menu).Single(), Does.Contain("Key is 129 bytes in UTF-8; at most 128"));
    }

    [Test]
    public void Validate_KeyAndUrlOnOneButton_SaysExactlyOne()
    {
        _menu[1].Url = "https://jxw.example.gov.cn/faq";

        Assert.That(WeChatMenu.Validate(_menu).Single(), Does.Contain("exactly one of Key (a click), Url (a page) or SubButtons; it has 2"));
    }

    [Test]
    public void Validate_ButtonWithNothing_SaysExactlyOne()
    {
        _menu[2].Url = null;

        Assert.That(WeChatMenu.Validate(_menu).Single(), Does.Contain("it has 0"));
    }

    [Test]
    public void Validate_ThreeLevels_Refused()
    {
        _menu[0].SubButtons[1] = new WeChatMenuButton
        {
            Name = "更多",
            SubButtons = [new WeChatMenuButton { Name = "太深", Key = "DEEP" }],
        };

        Assert.That(WeChatMenu.Validate(_menu).Single(), Does.Contain("two levels only"));
    }

    [Test]
    public void Validate_ProblemsOfSeveralKinds_AllListed()
    {
        _menu[1].Key = "POLICY_SRDI";
        _menu[2].Url = "jxw.example.gov.cn/contact";
        _menu[2].EntryIds = ["kb-0001"];
        _menu[0].SubButtons[0].Name = " ";

        var problems = WeChatMenu.Validate(_menu);

        Assert.That(problems, Has.Count.EqualTo(4));
        Assert.That(problems, Has.Some.Contain("Key \"POLICY_SRDI\" is used by another button too"));
        Assert.That(problems, Has.Some.Contain("is not an absolute http(s) address"));
        Assert.That(problems, Has.Some.Contain("lists EntryIds but has no Key"));
        Assert.That(problems, Has.Some.Contain("WeChat:Menu:0:SubButtons:0 has no Name"));
    }

    [Test]
    public void Validate_NoButtons_SaysSo() =>
        Assert.That(WeChatMenu.Validate([]), Is.EqualTo(new[] { "WeChat:Menu has no buttons" }));

    [Test]
    public void Create_InvalidMenu_ThrowsListingTheProblems()
    {
        _menu[1].Key = null;

        var ex = Assert.Throws<ArgumentException>(() => WeChatMenu.Create(_menu));

        Assert.That(ex!.Message, Does.Contain("WeChat:Menu:1 (\"常见问题\") must have exactly one of"));
    }
}
