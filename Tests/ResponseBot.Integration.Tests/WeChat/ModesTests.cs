using System.Net;
using System.Text;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

// The plaintext (明文) and compatible (兼容) modes; safe mode is what the other WeChat tests use.
[Category("Integration")]
public sealed class ModesTests
{
    [Test]
    public async Task PlainMode_TextIsAnsweredInPlaintextAndRetriesGetSuccess()
    {
        await using var api = await FakeWeChatApi.StartAsync();
        await using var host = new WeChatHost(api, new Dictionary<string, string?> { ["WeChat:Mode"] = "Plain" });
        var wechat = host.Player();
        var xml = WeChatPlayer.TextXml("o-plain", "专精特新企业有哪些奖励", wechat.NextMsgId());

        var first = await wechat.PostAsync(xml);
        var retry = await wechat.PostAsync(xml);

        Assert.Multiple(() =>
        {
            Assert.That(first.Body, Does.StartWith("<xml>").And.Not.Contain("<Encrypt>"));
            Assert.That(first.Content, Does.Contain("专精特新"));
            Assert.That(retry.Body, Is.EqualTo("success"));
        });
    }

    [Test]
    public async Task CompatibleMode_ReadsTheEncryptedCopyAndAnswersEncrypted()
    {
        await using var api = await FakeWeChatApi.StartAsync();
        await using var host = new WeChatHost(api, new Dictionary<string, string?> { ["WeChat:Mode"] = "Compatible" });
        var wechat = host.Player();
        var inner = WeChatPlayer.TextXml("o-compat", "专精特新企业有哪些奖励", wechat.NextMsgId());
        var encrypted = new ResponseBot.Connectors.WeChat.Protocol.WeChatCrypto(WeChatHost.EncodingAesKey, api.AppId).Encrypt(inner);
        // 兼容模式: the plaintext fields and the encrypted copy side by side; the plaintext says something else, so the
        // answer shows which copy was read.
        var body = inner.Replace("专精特新企业有哪些奖励", "你好", StringComparison.Ordinal)
            .Replace("</xml>", $"<Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>", StringComparison.Ordinal);

        var reply = await wechat.PostRawAsync(wechat.SignedQuery(encrypted: encrypted), Encoding.UTF8.GetBytes(body));

        Assert.That(reply.Body, Does.Contain("<Encrypt>"));
        Assert.That(reply.Content, Does.Contain("专精特新"));
    }

    [Test]
    public async Task CompatibleMode_PlaintextRequestIsAnsweredInPlaintext()
    {
        await using var api = await FakeWeChatApi.StartAsync();
        await using var host = new WeChatHost(api, new Dictionary<string, string?> { ["WeChat:Mode"] = "Compatible" });
        var wechat = host.Player();

        var reply = await wechat.PostRawAsync(
            wechat.SignedQuery(), Encoding.UTF8.GetBytes(WeChatPlayer.TextXml("o-compat", "你好", wechat.NextMsgId())));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Body, Does.Not.Contain("<Encrypt>"));
        Assert.That(reply.Content, Does.Contain("您好"));
    }
}
