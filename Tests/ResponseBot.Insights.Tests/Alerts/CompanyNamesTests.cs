using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class CompanyNamesTests
{
    [TestCase("我们是常州恒远精密机械有限公司，技改补贴一直没到", "常州恒远精密机械有限公司")]
    [TestCase("常州恒远精密机械有限公司的补贴什么时候发", "常州恒远精密机械有限公司")]
    [TestCase("反映一下武进华达纺织厂拖欠货款的问题", "武进华达纺织厂")]
    [TestCase("一汽集团的配套企业有没有扶持", "一汽集团")]
    [TestCase("我们公司的补贴还没到", null)]
    [TestCase("贵公司什么时候回复", null)]
    [TestCase("听说有一家公司拿到了奖励", null)]
    [TestCase("新能源汽车推广补贴怎么申领？", null)]
    [TestCase("", null)]
    public void Find_NamesWithACompanySuffix(string text, string? expected) =>
        Assert.That(CompanyNames.Find(text), Is.EqualTo(expected));
}
