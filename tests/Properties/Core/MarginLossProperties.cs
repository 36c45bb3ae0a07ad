using Collapse.Theory.Loss;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Core;

/// <summary>
/// CE–margin relations (paper-notes P1, P2, P9, P10; Gao et al. 2023 Thm 4.1 [R]; Soudry et al. 2018) on random logits
/// and random (W, H).
/// </summary>
[Properties(Arbitrary = new[] { typeof(CoreArbitraries) }, MaxTest = 100)]
public class MarginLossProperties
{
    /// <summary>Random N×K logits at scale up to 1e3 with labels; if <paramref name="correct"/>, every sample has margin ≥ δ_i &gt; 0.</summary>
    private static (double[] Z, int[] Y, int N, int K) Logits(CaseSpec s, bool correct)
    {
        var rng = new Random(s.Seed);
        int k = s.K, n = s.K * s.PerClass;
        double scale = Math.Pow(10, 3 * rng.NextDouble()); // 1 … 1000
        var z = new double[n * k];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.Next(k);
            for (int j = 0; j < k; j++) z[i * k + j] = scale * (2 * rng.NextDouble() - 1);
            if (correct)
            {
                double q = SampleMargin.Of(z.AsSpan(i * k, k), y[i]);
                z[i * k + y[i]] += -q + 0.01 + rng.NextDouble();
            }
        }
        return (z, y, n, k);
    }

    [Property]
    public void SandwichBoundsEveryPerSampleLoss(CaseSpec s)
    {
        var (z, y, n, k) = Logits(s, correct: false);
        for (int i = 0; i < n; i++)
        {
            var zi = z.AsSpan(i * k, k);
            double q = SampleMargin.Of(zi, y[i]);
            double loss = CrossEntropy.Sample(zi, y[i]);
            double lower = Collapse.Theory.Numerics.LogSumExp.Softplus(-q);
            double upper = Collapse.Theory.Numerics.LogSumExp.Softplus(Math.Log(k - 1) - q);
            Near.True(lower <= loss * (1 + 1e-14) && loss <= upper * (1 + 1e-14),
                $"sample {i}: log(1+e^-q) = {lower:R} ≤ ℓ = {loss:R} ≤ log(1+(K−1)e^-q) = {upper:R} violated (q = {q:R})");
            // and in the log domain, where ℓ may underflow
            double logLoss = CrossEntropy.LogSample(zi, y[i]);
            Near.True(logLoss >= Collapse.Theory.Numerics.LogSumExp.LogSoftplus(-q) - 1e-12 * Math.Abs(logLoss)
                      && logLoss <= Collapse.Theory.Numerics.LogSumExp.LogSoftplus(Math.Log(k - 1) - q) + 1e-12 * Math.Abs(logLoss),
                $"sample {i}: log-domain sandwich violated (log ℓ = {logLoss:R}, q = {q:R})");
        }
    }

    [Property]
    public void MinMarginIsPositiveIffEverySampleIsCorrect(CaseSpec s)
    {
        var t = s.Build(spread: 1.0 + s.Seed % 5);
        var r = Transform.Metrics(t);
        Near.True(r.Margins!.MinMargin > 0 == (r.Accuracy == 1.0), $"p_min = {r.Margins.MinMargin}, accuracy = {r.Accuracy}");
    }

    [Property]
    public void ScaledLogLossConvergesToMinMargin(CaseSpec s)
    {
        // P2: p_min − log(K−1)/s ≤ −(1/s) log CE(s·z) ≤ p_min + log(2N)/s when every sample is correct.
        var (z, y, n, k) = Logits(s, correct: true);
        double pmin = double.PositiveInfinity;
        for (int i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
        foreach (var scale in new[] { 1.0, 10, 100, 1e3, 1e4 })
        {
            var (_, logCe) = CrossEntropy.Evaluate(z.Select(v => v * scale).ToArray(), y, k);
            double est = -logCe / scale;
            Near.True(est >= pmin - Math.Log(Math.Max(1, k - 1)) / scale - 1e-9 * pmin && est <= pmin + Math.Log(2.0 * n) / scale + 1e-9 * pmin,
                $"s = {scale}: −log CE/s = {est:R}, p_min = {pmin:R}");
        }
    }

    [Property]
    public void LossStrictlyDecreasesAlongScaleOnceSeparable(CaseSpec s)
    {
        var (z, y, _, k) = Logits(s, correct: true);
        double previous = double.PositiveInfinity;
        foreach (var scale in new[] { 0.5, 1.0, 2.0, 4.0, 8.0 })
        {
            var (_, logCe) = CrossEntropy.Evaluate(z.Select(v => v * scale).ToArray(), y, k);
            Near.True(logCe < previous, $"log CE did not decrease at scale {scale}: {logCe:R} ≥ {previous:R}");
            previous = logCe;
        }
    }

    [Property]
    public void GlobalLossBracketsTheMinMargin(CaseSpec s)
    {
        // P1 global: −log(e^{N·L} − 1) ≤ p_min ≤ log(K−1) − log(e^{L} − 1), L = mean CE.
        var (z, y, n, k) = Logits(s, correct: false);
        var (ce, _) = CrossEntropy.Evaluate(z, y, k);
        double pmin = double.PositiveInfinity;
        for (int i = 0; i < n; i++) pmin = Math.Min(pmin, SampleMargin.Of(z.AsSpan(i * k, k), y[i]));
        if (ce == 0) return; // underflow: the bracket is infinite and the log-domain sandwich above covers it
        double lower = -LogExpM1(n * ce);
        double upper = Math.Log(Math.Max(1, k - 1)) - LogExpM1(ce);
        double slack = 1e-9 * (1 + Math.Abs(pmin));
        Near.True(lower <= pmin + slack && pmin <= upper + slack, $"{lower:R} ≤ p_min = {pmin:R} ≤ {upper:R} violated (L = {ce:R})");
    }

    /// <summary>log(e^x − 1) for x &gt; 0 without overflow or cancellation.</summary>
    private static double LogExpM1(double x) =>
        x > 1e-3 ? x + Collapse.Theory.Numerics.LogSumExp.Log1P(-Math.Exp(-x)) : Math.Log(x) + Collapse.Theory.Numerics.LogSumExp.Log1P(x / 2 + x * x / 6);

    [Property]
    public void MarginsScaleByProductUnderSeparateScalingOfWAndH(CaseSpec s)
    {
        var t = s.Build();
        var rng = new Random(s.Seed + 4);
        double a = Math.Exp(4 * rng.NextDouble() - 2), b = Math.Exp(4 * rng.NextDouble() - 2);
        var r0 = Transform.Metrics(t, bias: false);
        var r1 = Transform.Metrics(t with { W = t.W * a, X = t.X.Select(v => v * b).ToArray() }, bias: false);
        Near.Equal(a * b * r0.Margins!.MinMargin, r1.Margins!.MinMargin, 1e-10, "p_min(aW, bH) = ab·p_min");
        for (int k = 0; k < t.K; k++)
            for (int l = 0; l < t.K; l++)
                if (k != l) Near.Equal(a * b * r0.Margins.ClassPair[k, l], r1.Margins.ClassPair[k, l], 1e-10, $"γ_{k}{l}");
        Near.Equal(r0.Margins.NormalizedMargin, r1.Margins.NormalizedMargin, 1e-10, "normalized margin is scale-invariant");
    }

    [Property]
    public void ClassPairMarginsAreAtLeastMinMarginWhichIsTheirMinimum(CaseSpec s)
    {
        var r = Transform.Metrics(s.Build());
        double min = double.PositiveInfinity;
        for (int k = 0; k < s.K; k++)
            for (int l = 0; l < s.K; l++)
                if (k != l && !double.IsNaN(r.Margins!.ClassPair[k, l]))
                {
                    Near.True(r.Margins.ClassPair[k, l] >= r.Margins.MinMargin, $"γ_{k}{l} < p_min");
                    min = Math.Min(min, r.Margins.ClassPair[k, l]);
                }
        Near.Equal(r.Margins!.MinMargin, min, 1e-15, "p_min = min γ_kl");
    }

    [Property]
    public void LogDomainLossAgreesWithTheLossWhereRepresentable(CaseSpec s)
    {
        var r = Transform.Metrics(s.Build(spread: 0.5));
        if (r.Ce > 1e-300) Near.Equal(Math.Log(r.Ce!.Value), r.LogCe!.Value, 1e-12, "log CE");
        var smoothedUpper = r.Margins!.MinMargin; // γ̃ ≤ p_min since the sum contains the worst term
        Near.True(r.Margins.SmoothedMargin <= smoothedUpper + 1e-12 * (1 + Math.Abs(smoothedUpper)), $"γ̃ = {r.Margins.SmoothedMargin} > p_min = {smoothedUpper}");
    }
}
