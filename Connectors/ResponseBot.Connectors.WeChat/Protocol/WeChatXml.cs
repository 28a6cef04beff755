using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Xml;

namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>Reads the XML WeChat posts to us and writes the XML we answer with.</summary>
/// <remarks>
/// The reader is hardened: no DTD (so no external entities and no entity expansion), no resolver, a size cap, and
/// strict UTF-8. Whatever is wrong with a body, <see cref="Parse(ReadOnlySpan{byte})"/> throws one exception type,
/// <see cref="WeChatXmlException"/>.
/// </remarks>
public static class WeChatXml
{
    /// <summary>
    /// The largest document <see cref="Parse(ReadOnlySpan{byte})"/> reads, in bytes (for a string: characters). Real
    /// messages are a few kilobytes; the endpoint should cap the request body well below this.
    /// </summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // 0 would mean "no limit". With DTDs prohibited no entity can be declared; this is a second fence.
        MaxCharactersFromEntities = 1,
        MaxCharactersInDocument = MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The elements we read, by WeChat's name.</summary>
    private static readonly FrozenDictionary<string, Field> Fields = new Dictionary<string, Field>(StringComparer.Ordinal)
    {
        ["ToUserName"] = Field.ToUserName,
        ["FromUserName"] = Field.FromUserName,
        ["CreateTime"] = Field.CreateTime,
        ["MsgType"] = Field.MsgType,
        ["MsgId"] = Field.MsgId,
        ["Content"] = Field.Content,
        ["Recognition"] = Field.Recognition,
        ["MediaId"] = Field.MediaId,
        ["Format"] = Field.Format,
        ["PicUrl"] = Field.PicUrl,
        ["Event"] = Field.Event,
        ["EventKey"] = Field.EventKey,
        ["Ticket"] = Field.Ticket,
        ["Url"] = Field.Url,
        ["Title"] = Field.Title,
        ["Location_X"] = Field.LocationX,
        ["Location_Y"] = Field.LocationY,
        ["Label"] = Field.Label,
        ["Encrypt"] = Field.Encrypt,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private enum Field
    {
        ToUserName,
        FromUserName,
        CreateTime,
        MsgType,
        MsgId,
        Content,
        Recognition,
        MediaId,
        Format,
        PicUrl,
        Event,
        EventKey,
        Ticket,
        Url,
        Title,
        LocationX,
        LocationY,
        Label,
        Encrypt,
    }

    /// <summary>Parses a request body as WeChat posts it: UTF-8 bytes (a leading byte-order mark is allowed).</summary>
    /// <param name="utf8">The body.</param>
    /// <exception cref="WeChatXmlException">The body is not a message we accept.</exception>
    public static WeChatInbound Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxDocumentBytes)
        {
            throw new WeChatXmlException($"The message is larger than {MaxDocumentBytes} bytes.");
        }

        string xml;
        try
        {
            var bom = Encoding.UTF8.Preamble;
            xml = StrictUtf8.GetString(utf8.StartsWith(bom) ? utf8[bom.Length..] : utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new WeChatXmlException("The message is not valid UTF-8.");
        }

        return Parse(xml);
    }

    /// <summary>Parses a message that is already text, such as the result of <see cref="WeChatCrypto.Decrypt"/>.</summary>
    /// <param name="xml">The XML.</param>
    /// <exception cref="WeChatXmlException">The text is not a message we accept.</exception>
    public static WeChatInbound Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxDocumentBytes)
        {
            throw new WeChatXmlException($"The message is longer than {MaxDocumentBytes} characters.");
        }

        string?[] values;
        try
        {
            values = ReadFields(xml);
        }
        catch (XmlException e)
        {
            // XmlException messages can quote the document; ours name only the problem and where it is.
            var what = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "The message has a DOCTYPE; DTDs are not accepted"
                : "The message is not well-formed XML";
            throw new WeChatXmlException($"{what} (line {e.LineNumber}, position {e.LinePosition}).");
        }

        return new WeChatInbound
        {
            ToUserName = values[(int)Field.ToUserName] ?? string.Empty,
            FromUserName = values[(int)Field.FromUserName] ?? string.Empty,
            CreateTime = ParseNumber<long>(values[(int)Field.CreateTime], "CreateTime") ?? 0,
            MsgType = values[(int)Field.MsgType] ?? string.Empty,
            MsgId = ParseNumber<long>(values[(int)Field.MsgId], "MsgId"),
            Content = values[(int)Field.Content],
            Recognition = values[(int)Field.Recognition],
            MediaId = values[(int)Field.MediaId],
            Format = values[(int)Field.Format],
            PicUrl = values[(int)Field.PicUrl],
            Event = values[(int)Field.Event],
            EventKey = values[(int)Field.EventKey],
            Ticket = values[(int)Field.Ticket],
            Url = values[(int)Field.Url],
            Title = values[(int)Field.Title],
            LocationX = ParseNumber<double>(values[(int)Field.LocationX], "Location_X", NumberStyles.Float),
            LocationY = ParseNumber<double>(values[(int)Field.LocationY], "Location_Y", NumberStyles.Float),
            Label = values[(int)Field.Label],
            Encrypt = values[(int)Field.Encrypt],
        };
    }

    /// <summary>
    /// Renders a passive text reply. Pass the addresses already swapped: <paramref name="toUser"/> is the sender's
    /// OpenID (the request's <c>FromUserName</c>) and <paramref name="fromUser"/> our account (its <c>ToUserName</c>).
    /// </summary>
    /// <param name="toUser">The user's OpenID.</param>
    /// <param name="fromUser">Our account's original ID (<c>gh_…</c>).</param>
    /// <param name="createTime">Now, in Unix seconds.</param>
    /// <param name="content">
    /// The text; at most 2048 UTF-8 bytes reach the user (see <see cref="WeChatText.SplitUtf8"/>). Characters XML cannot
    /// carry (most control characters, unpaired surrogates) are dropped, and a <c>]]&gt;</c> is split across two CDATA
    /// sections so that the document stays well-formed.
    /// </param>
    public static string RenderText(string toUser, string fromUser, long createTime, string content)
    {
        ArgumentNullException.ThrowIfNull(toUser);
        ArgumentNullException.ThrowIfNull(fromUser);
        ArgumentNullException.ThrowIfNull(content);

        var xml = new StringBuilder(content.Length + toUser.Length + fromUser.Length + 200);
        xml.Append("<xml>");
        AppendCData(xml, "ToUserName", toUser);
        AppendCData(xml, "FromUserName", fromUser);
        AppendNumber(xml, "CreateTime", createTime);
        AppendCData(xml, "MsgType", "text");
        AppendCData(xml, "Content", content);
        xml.Append("</xml>");
        return xml.ToString();
    }

    /// <summary>
    /// Renders the envelope of an encrypted reply: <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c>.
    /// </summary>
    /// <param name="encrypt">The sealed reply, from <see cref="WeChatCrypto.Encrypt(string)"/>.</param>
    /// <param name="msgSignature">
    /// <see cref="WeChatSignature.Compute"/> over the token, <paramref name="timestamp"/>, <paramref name="nonce"/> and
    /// <paramref name="encrypt"/>.
    /// </param>
    /// <param name="timestamp">The timestamp that was signed, in Unix seconds.</param>
    /// <param name="nonce">The nonce that was signed.</param>
    public static string RenderEncrypted(string encrypt, string msgSignature, long timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        ArgumentNullException.ThrowIfNull(msgSignature);
        ArgumentNullException.ThrowIfNull(nonce);

        var xml = new StringBuilder(encrypt.Length + nonce.Length + 200);
        xml.Append("<xml>");
        AppendCData(xml, "Encrypt", encrypt);
        AppendCData(xml, "MsgSignature", msgSignature);
        AppendNumber(xml, "TimeStamp", timestamp);
        AppendCData(xml, "Nonce", nonce);
        xml.Append("</xml>");
        return xml.ToString();
    }

    /// <summary>Reads the text of every known direct child of <c>&lt;xml&gt;</c>, indexed by <see cref="Field"/>.</summary>
    private static string?[] ReadFields(string xml)
    {
        var values = new string?[Fields.Count];
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);

        if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != "xml")
        {
            throw new WeChatXmlException("The message's root element is not <xml>.");
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.ReadStartElement();
            while (reader.MoveToContent() is not XmlNodeType.EndElement and not XmlNodeType.None)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read(); // stray text between elements
                }
                else if (Fields.TryGetValue(reader.Name, out var field))
                {
                    if (values[(int)field] is not null)
                    {
                        throw new WeChatXmlException($"The message has more than one <{reader.Name}>.");
                    }

                    // Text and CDATA alike; an element with child elements throws an XmlException.
                    values[(int)field] = reader.ReadElementContentAsString();
                }
                else
                {
                    reader.Skip();
                }
            }

            reader.ReadEndElement();
        }

        // The rest must be well-formed too: a second root element or trailing garbage is an error.
        while (reader.Read())
        {
        }

        return values;
    }

    /// <summary>The number in an element, or <see langword="null"/> when the element is absent or empty.</summary>
    private static T? ParseNumber<T>(string? text, string element, NumberStyles styles = NumberStyles.Integer)
        where T : struct, INumber<T>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new WeChatXmlException($"<{element}> is not a number.");
    }

    private static void AppendNumber(StringBuilder xml, string element, long value) =>
        xml.Append(CultureInfo.InvariantCulture, $"<{element}>{value}</{element}>");

    private static void AppendCData(StringBuilder xml, string element, string text)
    {
        // "]]>" would end the section early: end it after "]]" and start a new one with ">".
        var safe = WithoutInvalidXmlChars(text).Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal);
        xml.Append('<').Append(element).Append("><![CDATA[").Append(safe).Append("]]></").Append(element).Append('>');
    }

    /// <summary>The text without characters XML 1.0 cannot carry; the same instance when there are none.</summary>
    private static string WithoutInvalidXmlChars(string text)
    {
        var firstInvalid = IndexOfInvalidXmlChar(text, 0);
        if (firstInvalid < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        var start = 0;
        for (var invalid = firstInvalid; invalid >= 0; invalid = IndexOfInvalidXmlChar(text, start))
        {
            clean.Append(text, start, invalid - start);
            start = invalid + 1;
        }

        return clean.Append(text, start, text.Length - start).ToString();
    }

    private static int IndexOfInvalidXmlChar(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
