using System.Text;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

/// <summary>Reply-like text for round trips: a seeded mix of ASCII, Chinese, line breaks and emoji.</summary>
internal static class RandomText
{
    /// <summary>About <paramref name="bytes"/> UTF-8 bytes of ASCII, Chinese, line breaks and emoji.</summary>
    public static string Of(Random random, int bytes)
    {
        const string Chinese = "企业补贴申请流程工业互联网专精特新政务诚信";
        var text = new StringBuilder();
        for (var size = 0; size < bytes;)
        {
            var piece = random.Next(10) switch
            {
                < 5 => ((char)random.Next('a', 'z' + 1)).ToString(),
                < 8 => Chinese[random.Next(Chinese.Length)].ToString(),
                8 => "\n",
                _ => "😀",
            };
            text.Append(piece);
            size += Encoding.UTF8.GetByteCount(piece);
        }

        return text.ToString();
    }
}
