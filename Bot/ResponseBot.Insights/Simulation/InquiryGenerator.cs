using System.Globalization;
using ResponseBot.Bot.Privacy;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Simulation;

/// <summary>
/// A synthetic week of analysed inquiries: per hot topic, Poisson arrivals that follow the office day (quiet nights, a
/// morning rise, a lunch dip, quieter weekends), a few per cent negative, realistic masked texts, users drawn from a
/// pool; plus a few scripted situations (a user complaining three times in a day, three complaints about one company,
/// escalation words) and the injected spike. The same options give the same week.
/// </summary>
public static class InquiryGenerator
{
    /// <summary>Share of the usual traffic that is negative.</summary>
    public const double NegativeShare = 0.04;

    /// <summary>The hot topics the week has traffic on; a spike can hit any of them.</summary>
    public static IReadOnlyList<string> HotTopics { get; } = ["sme", "industrial_internet", "tech_upgrade", "nev", "gov_integrity"];

    /// <summary>Users in the pool the inquiries are drawn from.</summary>
    public const int Users = 800;

    // Inquiries per hour on a weekday at full activity, and the department each topic is routed to.
    private static readonly (string Topic, double PerHour, string Department)[] Topics =
    [
        ("sme", 9, "sme"),
        ("industrial_internet", 4, "informatization"),
        ("tech_upgrade", 5, "tech_upgrade"),
        ("nev", 7, "auto"),
        ("gov_integrity", 3, "credit"),
        ("none", 16, "office"),
    ];

    // Activity by local hour, 1 = the busiest office hours.
    private static readonly double[] HourProfile =
    [
        0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.10, 0.30, 0.70, 1.00, 1.00, 0.95,
        0.60, 0.70, 0.95, 1.00, 0.90, 0.70, 0.45, 0.35, 0.30, 0.25, 0.15, 0.08,
    ];

    private const double WeekendFactor = 0.4;

    private static readonly string[] Companies = ["常州恒远精密机械有限公司", "江苏新锐电池科技有限公司", "武进华达纺织厂", "金坛云帆信息技术有限公司"];

    private static readonly Dictionary<string, (string[] Neutral, string[] Negative)> Texts = new(StringComparer.Ordinal)
    {
        ["sme"] = (
            ["专精特新中小企业认定今年什么时候开始申报？", "小微企业贷款贴息政策怎么申请，需要哪些材料？", "我们是{company}，想了解中小企业数字化转型补贴怎么申报",
             "创业担保贷款的额度是多少？"],
            ["中小企业扶持资金申请了三个月还没有消息，到底有没有人管？", "拖欠我们的货款一直不给，清欠工作形同虚设",
             "融资担保手续太繁琐，跑了好几趟都没办下来，我的电话{phone}", "减负政策落不了地，企业负担一点没减"]),
        ["industrial_internet"] = (
            ["企业上云补贴的申报条件是什么？", "工业互联网标识解析二级节点怎么接入？", "5G全连接工厂有没有奖励政策？"],
            ["上云补贴说好年底发，现在一分钱没见到，太失望了", "两化融合评估收费这么高，企业根本负担不起", "智能制造诊断服务走过场，专家来了半小时就走了"]),
        ["tech_upgrade"] = (
            ["技改项目备案需要提交哪些材料？", "设备更新贷款贴息怎么申请？", "{company}的技改项目能不能申报市级重点？"],
            ["技改补贴审核一拖再拖，项目都投产了钱还没到", "技改项目备案系统老是登录不上，耽误我们进度", "技改奖励标准说改就改，前期投入打了水漂"]),
        ["nev"] = (
            ["新能源汽车推广补贴怎么申领？", "小区充电桩安装需要找哪个部门审批？", "新能源汽车零部件企业有没有专项扶持？"],
            ["新能源车补贴迟迟不发放，经销商说是政府的问题，到底谁负责？", "充电桩建好半年了还不能用，反映好几次没人理",
             "买的电动车续航严重缩水，厂家推卸责任，联系电话{phone}"]),
        ["gov_integrity"] = (
            ["企业信用修复需要什么流程？", "怎么查询企业是否被列入失信名单？", "政务诚信评价结果在哪里公开？"],
            ["政府承诺的招商奖励一直不兑现，这就是政务诚信？", "信用修复材料交了两个月没有回音，严重影响我们投标", "合同约定的款项区里拖了一年不付"]),
        ["none"] = (
            ["委网站上的政策文件在哪里下载？", "办事指南里的申请表格打不开", "不见面审批怎么操作？", "我叫王小明，想咨询一下政府信息公开怎么申请"],
            ["网上办事系统又崩了，耽误事情", "打电话一直没人接，服务态度太差"]),
    };

    /// <summary>The week's inquiries, oldest first.</summary>
    public static IReadOnlyList<SimulatedInquiry> Generate(AlertSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var random = new Random(options.Seed);
        var users = Enumerable.Range(0, Users)
            .Select(i => new Pseudonym(string.Create(CultureInfo.InvariantCulture, $"sim-{options.Seed}-{i}")).ToString())
            .ToArray();
        var inquiries = new List<SimulatedInquiry>();
        var spikeStart = options.SpikeStart;
        var spikeEnd = options.SpikeEnd;
        for (var day = 0; day < options.Days; day++)
        {
            var midnight = options.Start.AddDays(day);
            var dayFactor = midnight.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendFactor : 1.0;
            for (var hour = 0; hour < 24; hour++)
            {
                var hourStart = midnight.AddHours(hour);
                foreach (var (topic, perHour, department) in Topics)
                {
                    var rate = perHour * HourProfile[hour] * dayFactor;
                    for (var n = Poisson(random, rate); n > 0; n--)
                    {
                        var at = hourStart + TimeSpan.FromSeconds(random.NextDouble() * 3600);
                        var negative = random.NextDouble() < NegativeShare;
                        inquiries.Add(new SimulatedInquiry(
                            Signal(random, at, Pick(random, users), topic, department, negative), InSpike: false));
                    }

                    if (string.Equals(topic, options.SpikeTopic, StringComparison.Ordinal) && hourStart >= spikeStart && hourStart < spikeEnd)
                    {
                        for (var n = Poisson(random, rate * (options.SpikeRate - 1)); n > 0; n--)
                        {
                            var at = hourStart + TimeSpan.FromSeconds(random.NextDouble() * 3600);
                            inquiries.Add(new SimulatedInquiry(
                                Signal(random, at, Pick(random, users), topic, department, negative: true, spike: true), InSpike: true));
                        }
                    }
                }
            }
        }

        AddScriptedSituations(inquiries, random, users, options);
        return inquiries.OrderBy(i => i.Signal.At).ToList();
    }

    // One user complaining three times in a day, three people complaining about one company, two escalations: the other
    // detectors have something to find, on days and topics away from the spike where possible.
    private static void AddScriptedSituations(
        List<SimulatedInquiry> inquiries, Random random, string[] users, AlertSimulationOptions options)
    {
        void Add(int day, int hour, int minute, string subject, string topic, string department, bool negative, string text, float probability)
        {
            if (day > options.Days)
            {
                return;
            }

            var at = options.Start.AddDays(day - 1).AddHours(hour).AddMinutes(minute);
            var signal = new InquirySignal(
                at.ToUniversalTime(), "wechat", subject, null, PersonalData.Mask(text), negative ? "negative" : "neutral",
                probability, topic == "none" ? null : topic, department);
            inquiries.Add(new SimulatedInquiry(signal, InSpike: false));
        }

        var repeater = Pick(random, users);
        Add(2, 9, 20, repeater, "sme", "sme", true, "中小企业扶持资金申请了三个月还没有消息，到底有没有人管？", 0.81f);
        Add(2, 11, 45, repeater, "sme", "sme", true, "上午问过了，还是没人给答复，资金到底什么时候拨付", 0.84f);
        Add(2, 16, 10, repeater, "sme", "sme", true, "第三次问了，一直踢皮球，我的电话13912345678，请负责的人回电", 0.88f);

        Add(3, 10, 5, Pick(random, users), "tech_upgrade", "tech_upgrade", true, "常州恒远精密机械有限公司的技改补贴审核一拖再拖", 0.79f);
        Add(3, 14, 30, Pick(random, users), "tech_upgrade", "tech_upgrade", true, "我是常州恒远精密机械有限公司的财务，技改奖励一直没到账", 0.83f);
        Add(3, 20, 15, Pick(random, users), "tech_upgrade", "tech_upgrade", true, "关于常州恒远精密机械有限公司技改项目验收，材料交了没人看", 0.77f);

        Add(4, 15, 40, Pick(random, users), "gov_integrity", "credit", true, "承诺的奖励两年没兑现，再不解决我就找媒体曝光", 0.86f);
        Add(6, 9, 10, Pick(random, users), "none", "office", false, "打了几次12345投诉无门，准备写信到市长信箱，想问下地址", 0.35f);
    }

    private static InquirySignal Signal(
        Random random, DateTimeOffset at, string subject, string topic, string department, bool negative, bool spike = false)
    {
        var (neutralTexts, negativeTexts) = Texts.TryGetValue(topic, out var texts) ? texts : Texts["none"];
        var text = spike && random.NextDouble() < 0.5
            ? Pick(random, SpikeTexts)
            : Pick(random, negative ? negativeTexts : neutralTexts);
        text = text
            .Replace("{company}", Pick(random, Companies), StringComparison.Ordinal)
            .Replace("{phone}", string.Create(CultureInfo.InvariantCulture, $"13{random.Next(5, 10)}{random.Next(10_000_000, 100_000_000)}"), StringComparison.Ordinal);
        string sentiment;
        float probability;
        if (negative)
        {
            sentiment = "negative";
            probability = (float)(0.55 + (0.37 * random.NextDouble()));
        }
        else
        {
            sentiment = random.NextDouble() < 0.15 ? "positive" : "neutral";
            probability = (float)(0.02 + (0.25 * random.NextDouble()));
        }

        var channel = random.NextDouble() < 0.7 ? "wechat" : "hotline";
        return new InquirySignal(
            at.ToUniversalTime(), channel, subject, null, PersonalData.Mask(text), sentiment, probability,
            topic == "none" ? null : topic, department);
    }

    private static readonly string[] SpikeTexts =
    [
        "补贴政策说变就变，之前的承诺还算不算数？", "刚买的车补贴不给了，这是欺骗消费者！", "说好的补贴突然停了，我们的损失谁来承担？",
        "政策突然调整也不提前通知，太让人寒心了",
    ];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    // Knuth's method: exact, and fast for the small hourly means used here. Large means are split into parts of at
    // most 30 (a sum of Poisson counts is Poisson), where e^-mean is still far from underflow.
    private static int Poisson(Random random, double mean)
    {
        var count = 0;
        for (; mean > 30; mean -= 30)
        {
            count += Poisson(random, 30);
        }

        if (mean <= 0)
        {
            return count;
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
