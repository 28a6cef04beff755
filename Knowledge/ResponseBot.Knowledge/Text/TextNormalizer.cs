using System.Globalization;
using System.Text;

namespace ResponseBot.Knowledge.Text;

/// <summary>
/// Folds the many ways the same words reach us (full-width digits from phone keyboards, upper case, hotline
/// fillers such as 喂/你好/我想问一下) into one form, so the index and the query meet on the same text.
/// </summary>
public sealed class TextNormalizer
{
    private readonly string[] _fillers;

    /// <param name="fillers">Phrases that never carry meaning; the longest are removed first.</param>
    public TextNormalizer(IEnumerable<string> fillers)
    {
        ArgumentNullException.ThrowIfNull(fillers);
        _fillers = fillers
            .Select(f => Fold(f).Trim())
            .Where(f => f.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(f => f.Length)
            .ToArray();
    }

    /// <summary>NFKC, lower case, punctuation and whitespace runs to one space, fillers removed.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Fold(text);
        foreach (var filler in _fillers)
        {
            if (folded.Contains(filler, StringComparison.Ordinal))
            {
                folded = folded.Replace(filler, " ", StringComparison.Ordinal);
            }
        }

        return CollapseSpaces(folded);
    }

    /// <summary>NFKC and lower case, punctuation and symbols to spaces; fillers are kept.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nfkc = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            builder.Append(IsWordChar(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }

    /// <summary>Letters (CJK included) and digits; everything else separates words.</summary>
    public static bool IsWordChar(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter;

    /// <summary>True for the CJK unified ideographs that make up Chinese text.</summary>
    public static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
