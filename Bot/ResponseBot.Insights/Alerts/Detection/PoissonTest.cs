namespace ResponseBot.Insights.Alerts.Detection;

/// <summary>
/// The exact Poisson upper tail and the equivalent normal z. The exact tail, not (x − λ)/√λ, because baselines are
/// small: with λ = 0.3 the normal approximation calls three inquiries a 5σ event when they happen every few days.
/// </summary>
internal static class PoissonTest
{
    /// <summary>P(X ≥ <paramref name="count"/>) for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static double UpperTail(int count, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mean);
        if (count == 0)
        {
            return 1.0;
        }

        if (count <= mean)
        {
            // The tail is large: one minus the lower sum loses nothing here.
            var lower = 0.0;
            for (var i = 0; i < count; i++)
            {
                lower += Math.Exp(LogTerm(i, mean));
            }

            return Math.Clamp(1.0 - lower, 0.0, 1.0);
        }

        // The tail is small: sum it directly from its first term, which dominates, so tiny values keep their precision.
        var first = LogTerm(count, mean);
        var sum = 0.0;
        var ratio = 1.0;
        for (var i = count; i < count + 10_000; i++)
        {
            sum += ratio;
            ratio *= mean / (i + 1);
            if (ratio < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(1.0, Math.Exp(first + Math.Log(sum)));
    }

    /// <summary>The z whose one-sided normal tail equals <paramref name="upperTail"/>; 0 for a tail of one half or more.</summary>
    public static double ZFromUpperTail(double upperTail)
    {
        if (upperTail >= 0.5)
        {
            return 0.0;
        }

        if (upperTail <= double.Epsilon)
        {
            return 38.0;
        }

        return -NormalQuantile(upperTail);
    }

    /// <summary>The one-sided normal tail beyond <paramref name="z"/>: the p-value a z threshold stands for.</summary>
    public static double UpperTailOfZ(double z)
    {
        // Bisection on ZFromUpperTail, which is monotone; 200 halvings of the log reach full precision.
        double low = -745, high = Math.Log(0.5);
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            if (ZFromUpperTail(Math.Exp(mid)) > z)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return Math.Exp(high);
    }

    // log(e^-λ λ^k / k!)
    private static double LogTerm(int k, double mean) => -mean + (k * Math.Log(mean)) - LogFactorial(k);

    private static double LogFactorial(int k)
    {
        var sum = 0.0;
        for (var i = 2; i <= k; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }

    // Acklam's rational approximation of the normal quantile (relative error below 1.2e-9), for 0 < p < 0.5.
    private static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r /
            (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
