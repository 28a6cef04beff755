using System.ComponentModel.DataAnnotations;
using ResponseBot.Insights.Alerts;

namespace ResponseBot.Insights.Tests.Alerts;

public sealed class AlertsOptionsTests
{
    [Test]
    public void Defaults_AreValid() => Assert.That(Validate(new AlertsOptions()), Is.Empty);

    [Test]
    public void OutOfRange_FailsValidation()
    {
        var options = new AlertsOptions { WindowMinutes = 0, RepeatThreshold = 1, VeryNegativeProbability = 1.5 };

        Assert.That(
            Validate(options).SelectMany(r => r.MemberNames),
            Is.EquivalentTo(new[] { nameof(AlertsOptions.WindowMinutes), nameof(AlertsOptions.RepeatThreshold), nameof(AlertsOptions.VeryNegativeProbability) }));
    }

    [Test]
    public void EffectiveEscalationTerms_DefaultsWhenNoneConfigured()
    {
        Assert.That(new AlertsOptions().EffectiveEscalationTerms, Does.Contain("曝光").And.Contain("12345投诉无门"));
        Assert.That(new AlertsOptions { EscalationTerms = ["发抖音"] }.EffectiveEscalationTerms, Is.EqualTo(new[] { "发抖音" }));
    }

    private static List<ValidationResult> Validate(AlertsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
