using System.Text;
using System.Xml.Linq;
using ResponseBot.Connectors.WeChat.Protocol;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

public sealed class WeChatXmlTests
{
    [Test]
    public void Parse_TextMessageWithLineBreaks_ReadsEveryField()
    {
        var message = WeChatXml.Parse(Payload.Utf8("C.message.xml"));

        Assert.That(message.ToUserName, Is.EqualTo("gh_10f6c3c3ac5a"));
        Assert.That(message.FromUserName, Is.EqualTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs"));
        Assert.That(message.CreateTime, Is.EqualTo(1409735668));
        Assert.That(message.MsgType, Is.EqualTo("text"));
        Assert.That(message.Content, Is.EqualTo("abcdteT"));
        Assert.That(message.MsgId, Is.EqualTo(6054768590064713728));
        Assert.That(message.Encrypt, Is.Null);
    }

    [Test]
    public void Parse_IndentedCompatibleModeBody_ReadsChineseContentAndEncrypt()
    {
        var message = WeChatXml.Parse(Payload.Utf8("Senparc.body.xml"));

        Assert.That(message.Content, Is.EqualTo("你好"));
        Assert.That(message.MsgId, Is.EqualTo(6074746557628292943));
        Assert.That(message.Encrypt, Is.EqualTo(Payload.Element("Senparc.body.xml", "Encrypt")));
    }

    [Test]
    public void Parse_SafeModeEnvelope_HasOnlyToUserNameAndEncrypt()
    {
        var envelope = WeChatXml.Parse(Payload.Utf8("E.body.xml"));

        Assert.That(envelope.ToUserName, Is.EqualTo("gh_97417a04a28d"));
        Assert.That(envelope.Encrypt, Is.EqualTo(Payload.Element("E.body.xml", "Encrypt")));
        Assert.That(envelope.FromUserName, Is.Empty);
        Assert.That(envelope.MsgType, Is.Empty);
        Assert.That(envelope.CreateTime, Is.Zero);
        Assert.That(envelope.MsgId, Is.Null);
    }

    [TestCase("C.body.xml", CryptoVectors.SampleKey, "wx2c2769f8efd9abc2")]
    [TestCase("Senparc.body.xml", CryptoVectors.SenparcKey, "wx669ef95216eef885")]
    public void Parse_CompatibleModeBody_PlaintextFieldsMatchTheDecryptedCopy(string body, string key, string appId)
    {
        var outer = WeChatXml.Parse(Payload.Utf8(body));
        var inner = WeChatXml.Parse(new WeChatCrypto(key, appId).Decrypt(outer.Encrypt!));

        Assert.That(inner with { Encrypt = outer.Encrypt }, Is.EqualTo(outer));
    }

    [Test]
    public void Parse_DecryptedEventWithUnknownElements_ReadsTheKnownOnes()
    {
        var message = WeChatXml.Parse(Payload.Text("E.message.xml"));

        Assert.That(message.MsgType, Is.EqualTo("event"));
        Assert.That(message.Event, Is.EqualTo("debug_demo"));
        Assert.That(message.FromUserName, Is.EqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY"));
    }

    [Test]
    public void Parse_SubscribeByQrScene_ReadsEventKeyAndTicket()
    {
        var message = WeChatXml.Parse("""
            <xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>
            <CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>
            <EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket></xml>
            """);

        Assert.That(message, Is.EqualTo(new WeChatInbound
        {
            ToUserName = "gh_1",
            FromUserName = "o1",
            CreateTime = 123456789,
            MsgType = "event",
            Event = "subscribe",
            EventKey = "qrscene_123123",
            Ticket = "TICKET",
        }));
    }

    [Test]
    public void Parse_MenuClickAndVoice_ReadTheirFields()
    {
        var click = WeChatXml.Parse(
            "<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[POLICY_MENU]]></EventKey></xml>");
        var voice = WeChatXml.Parse("""
            <xml><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_id]]></MediaId>
            <Format><![CDATA[amr]]></Format><Recognition><![CDATA[怎么申请补贴]]></Recognition><MsgId>1234567890123456</MsgId></xml>
            """);

        Assert.That(click, Is.EqualTo(new WeChatInbound { MsgType = "event", Event = "CLICK", EventKey = "POLICY_MENU" }));
        Assert.That(voice, Is.EqualTo(new WeChatInbound
        {
            MsgType = "voice",
            MediaId = "media_id",
            Format = "amr",
            Recognition = "怎么申请补贴",
            MsgId = 1234567890123456,
        }));
    }

    [Test]
    public void Parse_ImageLinkAndLocationFields_AreRead()
    {
        var image = WeChatXml.Parse("<xml><MsgType>image</MsgType><PicUrl><![CDATA[http://example.com/a.jpg]]></PicUrl></xml>");
        var link = WeChatXml.Parse("<xml><MsgType>link</MsgType><Title>公众平台</Title><Url>http://example.com/?a=1&amp;b=2</Url></xml>");
        var location = WeChatXml.Parse(
            "<xml><MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Label><![CDATA[某某大厦]]></Label></xml>");

        Assert.That(image.PicUrl, Is.EqualTo("http://example.com/a.jpg"));
        Assert.That(link.Title, Is.EqualTo("公众平台"));
        Assert.That(link.Url, Is.EqualTo("http://example.com/?a=1&b=2"));
        Assert.That(location.LocationX, Is.EqualTo(23.134521));
        Assert.That(location.LocationY, Is.EqualTo(113.358803));
        Assert.That(location.Label, Is.EqualTo("某某大厦"));
    }

    [Test]
    public void Parse_UnknownMsgTypeAndElements_ParsesWithoutThem()
    {
        var message = WeChatXml.Parse(
            "<xml><MsgType><![CDATA[hologram]]></MsgType><Hologram><Frame>1</Frame></Hologram><MsgId>7</MsgId></xml>");

        Assert.That(message.MsgType, Is.EqualTo("hologram"));
        Assert.That(message.MsgId, Is.EqualTo(7));
    }

    [Test]
    public void Parse_ContentOf100Kilobytes_Parses()
    {
        var content = string.Concat(Enumerable.Repeat("工业互联网专精特新", 4000)); // 108,000 bytes

        var message = WeChatXml.Parse(Encoding.UTF8.GetBytes($"<xml><Content><![CDATA[{content}]]></Content></xml>"));

        Assert.That(message.Content, Is.EqualTo(content));
    }

    [Test]
    public void Parse_BodyWithByteOrderMarkAndDeclaration_Parses()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><Content>hi</Content></xml>"));

        Assert.That(WeChatXml.Parse(body.ToArray()).Content, Is.EqualTo("hi"));
    }

    [Test]
    public void Parse_XxeReadingEtcPasswd_Throws()
    {
        const string Body = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <xml><Content>&xxe;</Content></xml>
            """;

        var error = Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(Encoding.UTF8.GetBytes(Body)));

        Assert.That(error.Message, Does.Contain("DOCTYPE"));
    }

    [Test]
    public void Parse_BillionLaughs_Throws()
    {
        const string Body = """
            <!DOCTYPE xml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <xml><Content>&lol3;</Content></xml>
            """;

        Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(Body));
    }

    [TestCase("<xml><Content>&xxe;</Content></xml>")]
    [TestCase("<xml><Content>unclosed</xml>")]
    [TestCase("<xml><Content>a</Content>")]
    [TestCase("<xml/><xml/>")]
    [TestCase("<xml><Content><b>bold</b></Content></xml>")]
    [TestCase("just text")]
    [TestCase("")]
    [TestCase("   \n ")]
    public void Parse_MalformedXml_Throws(string body) =>
        Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(Encoding.UTF8.GetBytes(body)));

    [TestCase(new byte[] { 0xC3, 0x28 })]
    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Parse_InvalidUtf8InContent_Throws(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("<xml><Content><![CDATA[").Concat(bad).Concat(Encoding.UTF8.GetBytes("]]></Content></xml>"));

        var error = Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(body.ToArray()));

        Assert.That(error.Message, Does.Contain("UTF-8"));
    }

    [TestCase("<root><Content>a</Content></root>")]
    [TestCase("<XML><Content>a</Content></XML>")]
    public void Parse_RootOtherThanXml_Throws(string body)
    {
        var error = Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(body));

        Assert.That(error.Message, Does.Contain("root"));
    }

    [Test]
    public void Parse_RepeatedField_Throws() =>
        Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>"));

    [TestCase("<xml><CreateTime>yesterday</CreateTime></xml>")]
    [TestCase("<xml><MsgId>12ab</MsgId></xml>")]
    [TestCase("<xml><Location_X>north</Location_X></xml>")]
    public void Parse_NonNumericNumber_Throws(string body) =>
        Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(body));

    [Test]
    public void Parse_LargerThanTheCap_Throws()
    {
        var body = new byte[WeChatXml.MaxDocumentBytes + 1];

        Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse(body));
    }

    [Test]
    public void Parse_MalformedContent_MessageDoesNotQuoteIt()
    {
        var error = Assert.Throws<WeChatXmlException>(() => WeChatXml.Parse("<xml><Content>13812345678 <secret</Content></xml>"));

        Assert.That(error.Message, Does.Not.Contain("secret").And.Not.Contain("13812345678"));
    }

    [Test]
    public void ToString_ParsedMessage_LeavesOutTextAndSender()
    {
        var message = WeChatXml.Parse(Payload.Utf8("C.message.xml"));

        Assert.That(message.ToString(), Does.Not.Contain("abcdteT").And.Not.Contain("oyORnuP8q7ou2gfYjqLzSIWZf0rs"));
    }

    [Test]
    public void RenderText_SimpleReply_IsThePassiveReplyFormat()
    {
        var xml = WeChatXml.RenderText("o_user", "gh_account", 1409735668, "你好\n第二行");

        Assert.That(xml, Is.EqualTo(
            "<xml><ToUserName><![CDATA[o_user]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName>" +
            "<CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好\n第二行]]></Content></xml>"));
    }

    [TestCase("]]>")]
    [TestCase("a]]>b]]>c")]
    [TestCase("]]]]>>")]
    [TestCase("<script>&amp;</script> ]]> <![CDATA[x]]>")]
    public void RenderText_ContentWithCDataEnd_ParsesBackToTheSameContent(string content)
    {
        var xml = WeChatXml.RenderText("o_user", "gh_account", 1, content);

        Assert.That(XDocument.Parse(xml).Root!.Element("Content")!.Value, Is.EqualTo(content));
        Assert.That(WeChatXml.Parse(xml).Content, Is.EqualTo(content));
    }

    [Test]
    public void RenderText_Reply_ParsesBackWithTheAddressesAsGiven()
    {
        var reply = WeChatXml.Parse(WeChatXml.RenderText("o_user", "gh_account", 42, "答复"));

        Assert.That(reply, Is.EqualTo(new WeChatInbound
        {
            ToUserName = "o_user",
            FromUserName = "gh_account",
            CreateTime = 42,
            MsgType = "text",
            Content = "答复",
        }));
    }

    [Test]
    public void RenderText_CharactersXmlCannotCarry_AreDropped()
    {
        var xml = WeChatXml.RenderText("o", "gh", 1, "a\u0001b\u001Fc\uD800d]]\u0002>e😀");

        Assert.That(WeChatXml.Parse(xml).Content, Is.EqualTo("abcd]]>e😀"));
    }

    [Test]
    public void RenderEncrypted_Values_RenderTheEnvelope()
    {
        var xml = WeChatXml.RenderEncrypted("ENC+/=", "sig", 1713424427, "415670741");

        Assert.That(xml, Is.EqualTo(
            "<xml><Encrypt><![CDATA[ENC+/=]]></Encrypt><MsgSignature><![CDATA[sig]]></MsgSignature>" +
            "<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>"));
    }
}
