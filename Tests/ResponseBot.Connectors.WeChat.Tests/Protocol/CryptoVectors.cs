using System.Text;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

/// <summary>
/// A published encrypted message (research/wechat-test-vectors.md): the account's key, token and AppID, the signed
/// query values, the <c>Encrypt</c> value, the exact message inside, and the PKCS#7 pad value the vector exercises.
/// </summary>
public sealed record DecryptVector(
    string Name,
    string EncodingAesKey,
    string Token,
    string AppId,
    string Timestamp,
    string Nonce,
    string MsgSignature,
    string Encrypt,
    string Message,
    int Pad)
{
    public override string ToString() => Name;
}

/// <summary>A published encryption with the 16 random bytes fixed, and the exact ciphertext it gives.</summary>
public sealed record EncryptVector(string Name, string EncodingAesKey, string AppId, string Random, string Message, string Encrypt)
{
    public byte[] RandomBytes => Encoding.ASCII.GetBytes(Random);

    public override string ToString() => Name;
}

/// <summary>A published signature of an encrypted reply.</summary>
public sealed record ReplySignatureVector(string Name, string Token, string Timestamp, string Nonce, string Encrypt, string MsgSignature)
{
    public override string ToString() => Name;
}

/// <summary>Every vector of research/wechat-test-vectors.md; long values live in <c>Payloads/</c>.</summary>
internal static class CryptoVectors
{
    // The official samples' key (vectors A, C, D, P32).
    public const string SampleKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    // WeCom's sample key (vectors B, B2).
    public const string WeComKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    // The official doc's 安全模式 example: 43 × 'A', the AES key of 32 zero bytes (vector E).
    public const string ZeroKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    // wechatpy's test suite (W1, W2, W3).
    public const string WechatpyKey = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";

    // Senparc's captured compatible-mode traffic.
    public const string SenparcKey = "mNnY5GekpChwqhy2c4NBH90g3hND6GeI4gii2YCvKLY";

    public const string P32Encrypt =
        "jn1L23DB+6ELqJ+6bruv2whn1fDIMpmLPYOiQU5ZlCf5ISusdxHOJKY4l/VvGZXv1gdIWBk2mReXBoyRsZWbYWp3WTghbH/zS/0xHsPUs416Ez/Wti2iAH72px6IwxBl";

    public const string EReplyEncrypt =
        "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7";

    public static IEnumerable<DecryptVector> Decryptions()
    {
        yield return new("C (Python sample, compatible-mode body)", SampleKey, "spamtest", "wx2c2769f8efd9abc2",
            "1409735669", "1320562132", "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
            Payload.Element("C.body.xml", "Encrypt"), Payload.Text("C.message.xml"), Pad: 2);
        yield return new("D (C++ sample)", SampleKey, "spamtest", "wx2c2769f8efd9abc2",
            "1410349438", "298025754", "003fee52ecc56afb46c00b5c7721be87860ce785",
            Payload.Text("D.encrypt.txt"), Payload.Text("D.message.xml"), Pad: 2);
        yield return new("B (WeCom echostr)", WeComKey, "QDG6eK", "wx5823bf96d3bd56c7",
            "1409659589", "263014780", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
            "1616140317555161061", Pad: 7);
        yield return new("B2 (WeCom message, pad 30)", WeComKey, "QDG6eK", "wx5823bf96d3bd56c7",
            "1409659813", "1372623149", "477715d11cdb4164915debcba66cb864d751f3e6",
            Payload.Text("B2.encrypt.txt"), Payload.Text("B2.message.xml"), Pad: 30);
        yield return new("E (official doc, safe-mode body, pad 22)", ZeroKey, "AAAAA", "wx134c8103faa5a59e",
            "1715943329", "1590219412", "6c12a4205838198b8fa631b3220723bb07f1015c",
            Payload.Element("E.body.xml", "Encrypt"), Payload.Text("E.message.xml"), Pad: 22);
        yield return new("W1 (wechatpy echostr)", WechatpyKey, "123456", "wx49f0ab532d5d035a",
            "1411443780", "437374425", "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
            "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
            "5927782489442352469", Pad: 7);
        yield return new("W3 (wechatpy message, pad 1)", WechatpyKey, "123456", "wx49f0ab532d5d035a",
            "1411525903", "461056294", "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
            Payload.Element("W3.body.xml", "Encrypt"), Payload.Text("W3.message.xml"), Pad: 1);
        yield return new("Senparc (captured compatible-mode traffic)", SenparcKey, "weixin", "wx669ef95216eef885",
            "1414387151", "917222494", "ae70d4e343d946fc0477a5c760b95be0947fddbb",
            Payload.Element("Senparc.body.xml", "Encrypt"), Payload.Text("Senparc.message.xml"), Pad: 3);
        yield return new("P32 (derived, a whole block of padding)", SampleKey, "pamtest", "wxb11529c136998cb6",
            "1409304348", "xxxxxx", "3f34d7d58ceda9096226b792cd1ad1ca73f954d6",
            P32Encrypt, new string('x', 26), Pad: 32);
    }

    public static IEnumerable<EncryptVector> Encryptions()
    {
        yield return new("A1 (Java sample, Chinese)", SampleKey, "wxb11529c136998cb6", "aaaabbbbccccdddd", "我是中文abcd123",
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
        yield return new("A2 (Java sample, video reply)", SampleKey, "wxb11529c136998cb6", "aaaabbbbccccdddd",
            Payload.Text("A2.message.xml"), Payload.Text("A2.encrypt.txt"));
        yield return new("E (official doc, random from the doc)", ZeroKey, "wx134c8103faa5a59e", "1205899eaf019bbd",
            Payload.Text("E.message.xml"), Payload.Element("E.body.xml", "Encrypt"));
        yield return new("E reply (official doc)", ZeroKey, "wx134c8103faa5a59e", "999951349e8ee746",
            "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>",
            EReplyEncrypt);
        yield return new("W2 (wechatpy reply)", WechatpyKey, "wx49f0ab532d5d035a", "1234567890123456",
            Payload.Text("W2.reply.xml"), Payload.Element("W2.envelope.xml", "Encrypt"));
        yield return new("P32 (derived, a whole block of padding)", SampleKey, "wxb11529c136998cb6", "aaaabbbbccccdddd",
            new string('x', 26), P32Encrypt);
    }

    public static IEnumerable<ReplySignatureVector> ReplySignatures()
    {
        yield return new("E reply (official doc)", "AAAAA", "1713424427", "415670741", EReplyEncrypt,
            "03e0812039325c2712ef5f0f980fd14c70d6e307");
        yield return new("W2 (wechatpy reply)", "123456", Payload.Element("W2.envelope.xml", "TimeStamp"),
            Payload.Element("W2.envelope.xml", "Nonce"), Payload.Element("W2.envelope.xml", "Encrypt"),
            Payload.Element("W2.envelope.xml", "MsgSignature"));
    }
}
