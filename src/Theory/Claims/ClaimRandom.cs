using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims;

/// <summary>Random draws shared by the claim checks (deterministic in the case seed).</summary>
internal static class ClaimRandom
{
    public static double Uniform(Random rng, double a, double b) => a + (b - a) * rng.NextDouble();

    /// <summary>Log-uniform on [a, b] (a, b &gt; 0).</summary>
    public static double LogUniform(Random rng, double a, double b) => Math.Exp(Uniform(rng, Math.Log(a), Math.Log(b)));

    public static double Normal(Random rng) => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);

    /// <summary>Fills <paramref name="v"/> with a uniformly random unit vector.</summary>
    public static void UnitVector(Random rng, Span<double> v)
    {
        double s;
        do
        {
            s = 0;
            for (var j = 0; j < v.Length; j++) { v[j] = Normal(rng); s += v[j] * v[j]; }
        } while (s == 0);
        var f = 1 / Math.Sqrt(s);
        for (var j = 0; j < v.Length; j++) v[j] *= f;
    }

    /// <summary>
    /// m×d row-major features in one of three shapes: Gaussian rows with random per-row scales, rows of equal norm
    /// (on a sphere, where B·R/√m is nearly tight), or small rows plus one large outlier.
    /// </summary>
    public static (double[] Features, string Shape) Features(Random rng, int m, int d)
    {
        var x = new double[m * d];
        var shape = rng.Next(3) switch { 0 => "gaussian", 1 => "sphere", _ => "outlier" };
        var radius = LogUniform(rng, 0.1, 10);
        for (var i = 0; i < m; i++)
        {
            var row = x.AsSpan(i * d, d);
            switch (shape)
            {
                case "gaussian":
                    var s = LogUniform(rng, 0.1, 10);
                    for (var j = 0; j < d; j++) row[j] = s * Normal(rng);
                    break;
                case "sphere":
                    UnitVector(rng, row);
                    for (var j = 0; j < d; j++) row[j] *= radius;
                    break;
                default:
                    UnitVector(rng, row);
                    var r = i == 0 ? radius * 10 : radius * rng.NextDouble();
                    for (var j = 0; j < d; j++) row[j] *= r;
                    break;
            }
        }
        return (x, shape);
    }

    /// <summary>Smallest count v* such that a Binomial(trials, p) count exceeds v* with probability &lt; alpha.</summary>
    public static int BinomialAllowance(int trials, double p, double alpha = 1e-6)
    {
        if (p >= 1) return trials;
        if (p <= 0) return 0;
        for (var v = 0; v <= trials; v++)
            if (1 - MathNet.Numerics.Distributions.Binomial.CDF(p, trials, v) < alpha) return v;
        return trials;
    }
}
