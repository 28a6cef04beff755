using System.Net;
using System.Text;

namespace ResponseBot.Integration.Tests.WeChat;

// What a stranger can send to /wechat: each gets a 4xx (or a harmless reply), never a 5xx or a hang.
[Category("Integration")]
public sealed class BadInputTests : SafeModeFixture
{
    [Test]
    public async Task WrongSignature_Is401()
    {
        var query = Player.SignedQuery().Replace("signature=", "signature=0", StringComparison.Ordinal);

        var response = await Player.PostRawAsync(query, Encoding.UTF8.GetBytes(WeChatPlayer.TextXml("o", "你好", 1)));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("")]
    [TestCase("timestamp=1&nonce=2")]
    [TestCase("signature=abc&timestamp=notanumber&nonce=2")]
    public async Task MissingOrMalformedQuery_Is400(string query)
    {
        var response = await Player.PostRawAsync(query, Encoding.UTF8.GetBytes("<xml/>"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task WrongSignature_OnUrlVerification_Is401()
    {
        var response = await Player.Client.GetAsync(new Uri("/wechat?signature=00&timestamp=1&nonce=2&echostr=x", UriKind.Relative));

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [Test]
    public async Task ReplayedTimestamp_WithAValidSignature_Is401()
    {
        var response = await Player.PostAsync(WeChatPlayer.TextXml("o", "你好", Player.NextMsgId()), timestamp: WeChatPlayer.Now - 3600);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task BodyOverOneMegabyte_Is413()
    {
        var body = Encoding.UTF8.GetBytes("<xml><Encrypt><![CDATA[" + new string('A', 1_100_000) + "]]></Encrypt></xml>");

        var response = await Player.PostRawAsync(Player.SignedQuery(), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("")]
    [TestCase("<xml><ToUserName>")]
    [TestCase("not xml at all")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><xml><Encrypt>&lol2;</Encrypt></xml>")]
    public async Task MalformedOrHostileXml_Is400(string body)
    {
        var response = await Player.PostRawAsync(Player.SignedQuery(), Encoding.UTF8.GetBytes(body));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task InvalidUtf8_Is400()
    {
        byte[] body = [.. "<xml><Encrypt>"u8, 0xC3, 0x28, 0xFF, .. "</Encrypt></xml>"u8];

        var response = await Player.PostRawAsync(Player.SignedQuery(), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("not*base64!")]
    [TestCase("AAAA")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task EncryptThatCannotBeOpened_Is400(string encrypted)
    {
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await Player.PostRawAsync(Player.SignedQuery(encrypted: encrypted), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EncryptedForAnotherAccount_Is400()
    {
        var other = new ResponseBot.Connectors.WeChat.Protocol.WeChatCrypto(WeChatHost.EncodingAesKey, "wx0000000000000000");
        var encrypted = other.Encrypt(WeChatPlayer.TextXml("o", "你好", 1));
        var body = Encoding.UTF8.GetBytes($"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await Player.PostRawAsync(Player.SignedQuery(encrypted: encrypted), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task WrongMsgSignature_Is401()
    {
        var encrypted = new ResponseBot.Connectors.WeChat.Protocol.WeChatCrypto(WeChatHost.EncodingAesKey, Api.AppId).Encrypt(WeChatPlayer.TextXml("o", "你好", 1));
        var body = Encoding.UTF8.GetBytes($"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await Player.PostRawAsync(Player.SignedQuery(encrypted: encrypted + "x"), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PlaintextInSafeMode_Is400()
    {
        var response = await Player.PostRawAsync(Player.SignedQuery(), Encoding.UTF8.GetBytes(WeChatPlayer.TextXml("o", "你好", 1)));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task HundredKilobyteContent_IsAskedToBeShortened()
    {
        var reply = await Player.SendTextAsync("o-long", new string('企', 35_000));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Content, Does.Contain("太长"));
    }

    [Test]
    public async Task MessageWithoutSender_Is400()
    {
        var reply = await Player.PostAsync("<xml><MsgType>text</MsgType><Content>你好</Content></xml>");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
