using ResponseBot.Insights.Alerts.Detection;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class PoissonTestTests
{
    [TestCase(0, 2.0, 1.0)]
    [TestCase(1, 1.0, 0.6321205588)]            // 1 − e^-1
    [TestCase(5, 1.0, 0.0036598468)]
    [TestCase(3, 3.0, 0.5768099189)]
    [TestCase(14, 2.1, 5.2899798e-8)]
    public void UpperTail_KnownValues(int count, double mean, double expected) =>
        Assert.That(PoissonTest.UpperTail(count, mean), Is.EqualTo(expected).Within(expected * 1e-4));

    [Test]
    public void UpperTail_SumsToTheLowerTail()
    {
        var lower = Enumerable.Range(0, 7).Sum(k => Math.Exp(-4.5) * Math.Pow(4.5, k) / Factorial(k));

        Assert.That(PoissonTest.UpperTail(7, 4.5), Is.EqualTo(1 - lower).Within(1e-12));
    }

    [TestCase(0.5, 0.0)]
    [TestCase(0.15865525, 1.0)]
    [TestCase(0.0013498980, 3.0)]
    [TestCase(3.1671242e-5, 4.0)]
    [TestCase(9.8658765e-10, 6.0)]
    public void ZFromUpperTail_InvertsTheNormalTail(double tail, double z) =>
        Assert.That(PoissonTest.ZFromUpperTail(tail), Is.EqualTo(z).Within(1e-4));

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
