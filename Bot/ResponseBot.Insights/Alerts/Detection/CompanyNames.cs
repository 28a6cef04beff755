using System.Text.RegularExpressions;

namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// Finds a company named in an inquiry (常州恒远精密机械有限公司, 某某集团, 武进电池厂), so complaints about one company
/// count together whoever sends them. Deliberately small: it wants names with a company suffix, and skips "我们公司",
/// "贵公司" and "一家公司", which name nobody.
/// </summary>
public static partial class CompanyNames
{
    /// <summary>The first company name in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = Company().Match(text);
        if (!match.Success)
        {
            return null;
        }

        // A name that starts the text may start with the words that introduce it ("反映一下…厂").
        var name = LeadIn().Replace(match.Groups["name"].Value, "");
        return name.Length > 2 ? name : null;
    }

    // A name starts after punctuation, the text's start or a verb or preposition that introduces it, cannot start with a
    // pronoun, and holds no function word, so "我们是常州某某科技有限公司" yields the company, not the sentence.
    [GeneratedRegex(
        @"(?<=^|[\s，,。.！!？?：:；;、（(“""「]|是|在|找|向|被|给|跟|对|和|与|告|诉|反映|举报|关于)(?<name>(?![我你您贵本该这那某])[\u4e00-\u9fa5A-Za-z0-9-[的了和与在是我你您他她它这那个家还也都就说要想被把给对向跟找]]{2,18}?(?:股份有限公司|有限责任公司|有限公司|集团|公司|厂))")]
    private static partial Regex Company();

    [GeneratedRegex("^(?:请问|想问一下|问一下|咨询一下|咨询|反映一下|反映|投诉一下|投诉|举报|关于|一下)+")]
    private static partial Regex LeadIn();
}
