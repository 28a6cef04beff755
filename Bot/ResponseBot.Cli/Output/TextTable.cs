using System.Globalization;
using System.Text;

namespace ResponseBot.Cli.Output;

/// <summary>
/// Aligned plain-text columns. Chinese characters take two terminal cells, so widths are counted in cells, not chars.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>The indexes of the columns to right-align (numbers).</summary>
    public IReadOnlyCollection<int> RightAligned { get; init; } = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var all = new List<string[]> { headers };
        all.AddRange(_rows);
        var widths = new int[headers.Length];
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Cells(row[i]));
            }
        }

        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Length ? row[i] : "";
                var pad = new string(' ', widths[i] - Cells(cell));
                line.Append(RightAligned.Contains(i) ? pad + cell : i == widths.Length - 1 ? cell : cell + pad);
                if (i < widths.Length - 1)
                {
                    line.Append("  ");
                }
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>Terminal cells <paramref name="text"/> takes: two for East Asian wide characters, one otherwise.</summary>
    public static int Cells(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cells = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            cells += IsWide(rune.Value) ? 2 : 1;
        }

        return cells;
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxCells"/> cells, marking the cut with "…".</summary>
    public static string Clip(string text, int maxCells)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings(" ");
        if (Cells(text) <= maxCells)
        {
            return text;
        }

        var result = new StringBuilder();
        var cells = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var width = IsWide(rune.Value) ? 2 : 1;
            if (cells + width > maxCells - 1)
            {
                break;
            }

            result.Append(rune.ToString());
            cells += width;
        }

        return result.Append('…').ToString();
    }

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);

    // The CJK, Hangul, full-width and ideograph blocks of Unicode's East Asian Width "W"/"F" classes.
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x20000 and <= 0x3FFFD;
}
