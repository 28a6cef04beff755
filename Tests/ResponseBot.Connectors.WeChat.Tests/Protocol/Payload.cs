using System.Text;
using System.Xml.Linq;

namespace ResponseBot.Connectors.WeChat.Tests.Protocol;

/// <summary>Reads the files in <c>Protocol/Payloads</c>, copied to the test output.</summary>
internal static class Payload
{
    /// <summary>
    /// The file's text, byte for byte, except the one final line feed every file in the repository ends with (no
    /// payload ends with one: the messages end with <c>&lt;/xml&gt;</c>, the ciphertexts with base64).
    /// </summary>
    public static string Text(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Protocol", "Payloads", name);
        var text = File.ReadAllText(path, Encoding.UTF8);
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>The file's text as UTF-8, as it arrives in a request body.</summary>
    public static byte[] Utf8(string name) => Encoding.UTF8.GetBytes(Text(name));

    /// <summary>The text of a child of the root, read with the framework's own parser (independent of ours).</summary>
    public static string Element(string name, string element) =>
        XDocument.Parse(Text(name)).Root!.Element(element)?.Value
        ?? throw new InvalidDataException($"{name} has no <{element}>.");
}
