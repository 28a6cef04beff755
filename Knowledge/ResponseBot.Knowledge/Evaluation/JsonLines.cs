using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>Writes JSON Lines files that people can read: Chinese stays Chinese instead of \u escapes.</summary>
internal static class JsonLines
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(string path, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var file = File.Create(path);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        foreach (var item in items)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            write(writer, item);
            writer.Flush();
            file.Write(buffer.WrittenSpan);
            file.WriteByte((byte)'\n');
        }
    }
}
