using System.Text;

namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>Measures and splits reply text by its UTF-8 size, which is how WeChat limits a text message.</summary>
public static class WeChatText
{
    /// <summary>The practical limit of one text reply or 客服 text message, in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 2048;

    /// <summary>The UTF-8 size of <paramref name="text"/> (an unpaired surrogate counts as the 3 bytes of U+FFFD).</summary>
    public static int Utf8Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encoding.UTF8.GetByteCount(text);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into pieces of at most <paramref name="maxBytes"/> UTF-8 bytes each, to be sent
    /// as consecutive messages.
    /// </summary>
    /// <remarks>
    /// A piece ends, by preference, after a line break, else after a sentence end (。！？), found in the second half of
    /// the piece; otherwise it is as long as fits. A surrogate pair is never split. The pieces joined are exactly
    /// <paramref name="text"/> (breaks stay at the end of their piece), and an empty text gives no pieces.
    /// </remarks>
    /// <param name="text">The reply.</param>
    /// <param name="maxBytes">The size limit of a piece; at least 4, the size of the largest character.</param>
    public static IReadOnlyList<string> SplitUtf8(string text, int maxBytes = MaxTextBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);

        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = EndOfLongestFit(text, start, maxBytes);
            if (end < text.Length)
            {
                end = PreferredBreak(text, start, end);
            }

            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }

    /// <summary>The end (exclusive) of the longest piece from <paramref name="start"/> that fits in <paramref name="maxBytes"/>.</summary>
    private static int EndOfLongestFit(string text, int start, int maxBytes)
    {
        var bytes = 0;
        var i = start;
        while (i < text.Length)
        {
            var (chars, size) = Measure(text, i);
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += chars;
        }

        return i;
    }

    /// <summary>The chars and UTF-8 bytes of the character at <paramref name="index"/>.</summary>
    private static (int Chars, int Bytes) Measure(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return (2, 4);
        }

        return c switch
        {
            < '\u0080' => (1, 1),
            < '\u0800' => (1, 2),
            _ => (1, 3), // the rest of the BMP, and an unpaired surrogate (encoded as U+FFFD)
        };
    }

    /// <summary>
    /// Moves a cut at <paramref name="end"/> back to just after a line break or, failing that, a sentence end, if one
    /// is in the second half of the piece.
    /// </summary>
    private static int PreferredBreak(string text, int start, int end)
    {
        var earliest = start + ((end - start) / 2);
        var piece = text.AsSpan(earliest, end - earliest);

        var lineBreak = piece.LastIndexOf('\n');
        if (lineBreak >= 0)
        {
            return earliest + lineBreak + 1;
        }

        var sentenceEnd = piece.LastIndexOfAny("。！？");
        return sentenceEnd >= 0 ? earliest + sentenceEnd + 1 : end;
    }
}
