using System.Text.RegularExpressions;

namespace ResponseBot.Bot.Privacy;

/// <summary>
/// Masks personal data in free text: mobile and landline numbers, resident ID numbers, bank card numbers, e-mail
/// addresses and names given in the usual ways (我叫…, 姓名…, 张先生). Everything shown or logged passes through
/// <see cref="Mask"/>; only a work order keeps contact numbers whole, through <see cref="FindPhoneNumbers"/>.
/// </summary>
public static partial class PersonalData
{
    /// <summary>The text with every recognised item of personal data masked; the rest unchanged.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Longest digit runs first: an ID number contains what looks like a phone number.
        var masked = IdNumber().Replace(text, m => Keep(m.Value, 3, 4));
        masked = BankCard().Replace(masked, m => MaskDigits(m.Value, 4, 4));
        masked = Mobile().Replace(masked, m => Keep(m.Value, 3, 4));
        masked = Landline().Replace(masked, m => MaskDigits(m.Value, m.Groups["area"].Length, 2));
        masked = Email().Replace(masked, m => m.Value[0] + "***" + m.Value[m.Value.IndexOf('@', StringComparison.Ordinal)..]);
        masked = IntroducedName().Replace(masked, m => m.Groups["lead"].Value + MaskName(m.Groups["name"].Value));
        masked = TitledName().Replace(masked, m => m.Groups["surname"].Value + "*" + m.Groups["title"].Value);
        return masked;
    }

    /// <summary>The mobile and landline numbers in <paramref name="text"/>, unmasked, in order, without repeats.</summary>
    public static IReadOnlyList<string> FindPhoneNumbers(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var withoutIds = IdNumber().Replace(BankCard().Replace(text, " "), " ");
        return Mobile().Matches(withoutIds).Concat(Landline().Matches(withoutIds))
            .OrderBy(m => m.Index)
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string Keep(string value, int head, int tail) =>
        value.Length <= head + tail ? new string('*', value.Length) : value[..head] + new string('*', value.Length - head - tail) + value[^tail..];

    // Masks digits only, so separators in "6222 0212 3456 7890" or "0519-85681234" stay where they are.
    private static string MaskDigits(string value, int headDigits, int tailDigits)
    {
        var total = value.Count(char.IsAsciiDigit);
        var chars = value.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                continue;
            }

            if (seen >= headDigits && seen < total - tailDigits)
            {
                chars[i] = '*';
            }

            seen++;
        }

        return new string(chars);
    }

    private static string MaskName(string name) => name.Length <= 1 ? "*" : name[0] + new string('*', name.Length - 1);

    // 18-digit resident ID (last may be X) and the old 15-digit form, not inside a longer number.
    [GeneratedRegex(@"(?<![0-9])(?:[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")]
    private static partial Regex IdNumber();

    // 16–19 digits, optionally grouped by spaces or hyphens in fours.
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{4}[ -]?){3}[0-9]{4}(?:[0-9]{1,3})?(?![0-9])")]
    private static partial Regex BankCard();

    // Mainland mobile numbers, optionally after +86.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex Mobile();

    // Landlines with an area code: 0519-85681234, 051985681234, (0519)85681234.
    [GeneratedRegex(@"(?<![0-9])[(（]?(?<area>0[1-9][0-9]{1,2})[)）]?[ -]?[2-9][0-9]{6,7}(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // "我叫张三", "我是李四", "姓名：王小明", "联系人 赵六": two to three Chinese characters after the lead-in.
    [GeneratedRegex(@"(?<lead>(?:我叫|我是|本人|姓名|名字|联系人|申请人|投诉人)[:：是为 ]*)(?<name>[\u4e00-\u9fa5]{2,3})(?=[，,。.！!？?；;、\s]|$|的|电话|手机|联系|身份)")]
    private static partial Regex IntroducedName();

    // "张先生", "王女士", "李经理": a common surname followed by a title.
    [GeneratedRegex(@"(?<surname>[赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏窦章云苏潘葛范彭郎鲁韦昌马苗凤花方俞任袁柳鲍史唐费薛雷贺倪汤殷罗毕郝邬安常乐于时傅齐康伍余顾孟黄穆萧尹姚邵汪祁毛狄米贝明臧计伏成戴宋庞熊纪舒屈项祝董梁杜阮蓝闵席季贾路江童颜郭梅盛林钟徐邱骆高夏蔡田胡凌霍虞万柯管卢莫房丁邓洪包石崔龚程邢裴陆荣翁荀甄曲封储靳焦牧车侯宓全班仰秋仲伊宫宁仇栾甘厉戎祖武符刘景詹龙叶幸司黎薄印宿白怀蒲从鄂索赖卓蔺屠蒙池乔闻党翟谭贡劳姬申冉雍桑桂牛寿通边燕冀尚农温庄晏柴瞿阎慕连习艾鱼容向古易廖终居衡步耿满弘匡文寇广东欧沃利蔚越师巩聂晁勾敖融冷辛阚简饶曾沙养鞠丰巢关相查后荆红游竺权盖益桓公])(?<title>先生|女士|小姐|经理|老板|师傅)")]
    private static partial Regex TitledName();
}
