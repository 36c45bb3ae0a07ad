namespace Collapse.Theory.Numerics;

/// <summary>
/// Log-domain helpers: log-sum-exp, softplus and log-softplus that stay finite when losses reach 1e-300 and
/// margins 1e3 (float64).
/// </summary>
public static class LogSumExp
{
    /// <summary>log Σ exp(x_i) computed stably (−∞ for an empty input).</summary>
    public static double Of(ReadOnlySpan<double> x)
    {
        double m = double.NegativeInfinity;
        foreach (var v in x) if (v > m) m = v;
        if (double.IsNegativeInfinity(m)) return m;
        if (double.IsPositiveInfinity(m)) return m;
        double s = 0;
        foreach (var v in x) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }

    /// <summary>softplus(a) = log(1 + e^a), stable for every a (no overflow, full relative accuracy for a ≪ 0).</summary>
    public static double Softplus(double a) => a > 0 ? a + Log1P(Math.Exp(-a)) : Log1P(Math.Exp(a));

    /// <summary>log(1 + x) with full relative accuracy for small |x| (Goldberg's trick; .NET has no accurate log1p).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// log(softplus(a)) = log(log(1 + e^a)), finite even when softplus(a) underflows (a ≪ −745): for a &lt; −30,
    /// log log(1+e^a) = a + log(1 − e^a/2 + e^{2a}/3 − …).
    /// </summary>
    public static double LogSoftplus(double a)
    {
        if (a < -30) return a + Log1P(-0.5 * Math.Exp(a));
        return Math.Log(Softplus(a));
    }

    /// <summary>log(e^a + e^b) computed stably.</summary>
    public static double Add(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Log1P(Math.Exp(b - a)) : b + Log1P(Math.Exp(a - b));
    }
}
