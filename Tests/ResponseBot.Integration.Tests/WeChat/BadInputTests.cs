using System.Net;
using System.Text;
using ResponseBot.WeChat.Fake;

namespace ResponseBot.Integration.Tests.WeChat;

// What a stranger can send to /wechat: each gets a 4xx (or a harmless reply), never a 5xx or a hang.
[Category("Integration")]
public sealed class BadInputTests
{
    private FakeWeChatApi _api = null!;
    private WeChatHost _host = null!;
    private WeChatPlayer _wechat = null!;

    [SetUp]
    public async Task Start()
    {
        _api = await FakeWeChatApi.StartAsync();
        _host = new WeChatHost(_api);
        _wechat = _host.Player();
    }

    [TearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task WrongSignature_Is401()
    {
        var query = _wechat.SignedQuery().Replace("signature=", "signature=0", StringComparison.Ordinal);

        var response = await _wechat.PostRawAsync(query, Encoding.UTF8.GetBytes(WeChatPlayer.TextXml("o", "你好", 1)));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("")]
    [TestCase("timestamp=1&nonce=2")]
    [TestCase("signature=abc&timestamp=notanumber&nonce=2")]
    public async Task MissingOrMalformedQuery_Is400(string query)
    {
        var response = await _wechat.PostRawAsync(query, Encoding.UTF8.GetBytes("<xml/>"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task WrongSignature_OnUrlVerification_Is401()
    {
        var response = await _wechat.Client.GetAsync(new Uri("/wechat?signature=00&timestamp=1&nonce=2&echostr=x", UriKind.Relative));

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [Test]
    public async Task ReplayedTimestamp_WithAValidSignature_Is401()
    {
        var response = await _wechat.PostAsync(WeChatPlayer.TextXml("o", "你好", _wechat.NextMsgId()), timestamp: WeChatPlayer.Now - 3600);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task BodyOverOneMegabyte_Is413()
    {
        var body = Encoding.UTF8.GetBytes("<xml><Encrypt><![CDATA[" + new string('A', 1_100_000) + "]]></Encrypt></xml>");

        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("")]
    [TestCase("<xml><ToUserName>")]
    [TestCase("not xml at all")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><xml><Encrypt>&lol2;</Encrypt></xml>")]
    public async Task MalformedOrHostileXml_Is400(string body)
    {
        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(), Encoding.UTF8.GetBytes(body));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task InvalidUtf8_Is400()
    {
        byte[] body = [.. "<xml><Encrypt>"u8, 0xC3, 0x28, 0xFF, .. "</Encrypt></xml>"u8];

        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("not*base64!")]
    [TestCase("AAAA")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task EncryptThatCannotBeOpened_Is400(string encrypted)
    {
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(encrypted: encrypted), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EncryptedForAnotherAccount_Is400()
    {
        var other = new ResponseBot.Connectors.WeChat.Protocol.WeChatCrypto(WeChatHost.EncodingAesKey, "wx0000000000000000");
        var encrypted = other.Encrypt(WeChatPlayer.TextXml("o", "你好", 1));
        var body = Encoding.UTF8.GetBytes($"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(encrypted: encrypted), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task WrongMsgSignature_Is401()
    {
        var encrypted = new ResponseBot.Connectors.WeChat.Protocol.WeChatCrypto(WeChatHost.EncodingAesKey, _api.AppId).Encrypt(WeChatPlayer.TextXml("o", "你好", 1));
        var body = Encoding.UTF8.GetBytes($"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");

        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(encrypted: encrypted + "x"), body);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PlaintextInSafeMode_Is400()
    {
        var response = await _wechat.PostRawAsync(_wechat.SignedQuery(), Encoding.UTF8.GetBytes(WeChatPlayer.TextXml("o", "你好", 1)));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task HundredKilobyteContent_IsAskedToBeShortened()
    {
        var reply = await _wechat.SendTextAsync("o-long", new string('企', 35_000));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reply.Content, Does.Contain("太长"));
    }

    [Test]
    public async Task MessageWithoutSender_Is400()
    {
        var reply = await _wechat.PostAsync("<xml><MsgType>text</MsgType><Content>你好</Content></xml>");

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
