using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>Metrics vanish at exact neural collapse and are never negative (Papyan et al. 2020; conventions.md).</summary>
[Properties(Arbitrary = new[] { typeof(CoreArbitraries) }, MaxTest = 100)]
public class CollapseProperties
{
    /// <summary>Features h_i = scale·m_{y_i} + offset with m an ETF; W = c·M̃ and b = −W μ_G.</summary>
    private static (double[] X, int[] Y, Classifier W) Collapsed(CaseSpec s)
    {
        var rng = new Random(s.Seed);
        var m = SimplexEtf.Random(s.K, s.D, s.Seed);
        double scale = 0.5 + 4 * rng.NextDouble(), c = 0.2 + 3 * rng.NextDouble();
        var offset = Vector<double>.Build.Dense(s.D, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        int n = s.K * s.PerClass;
        var x = new double[n * s.D];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % s.K;
            for (int j = 0; j < s.D; j++) x[i * s.D + j] = scale * m[y[i], j] + offset[j];
        }
        var w = c * scale * m;
        return (x, y, new Classifier(w, -(w * offset)));
    }

    [Property]
    public void Nc1AndCdnvAreZeroForCollapsedFeatures(CaseSpec s)
    {
        var (x, y, w) = Collapsed(s);
        var r = NcMetrics.Compute(x, y, s.K, s.D, w);
        Near.True(r.Nc1!.Value < 1e-20, $"nc1 = {r.Nc1}");
        Near.True(r.Cdnv < 1e-20, $"cdnv = {r.Cdnv}");
        Near.True(r.Nc1TraceRatio < 1e-20, $"trace ratio = {r.Nc1TraceRatio}");
    }

    [Property]
    public void Nc2AndNc3AreZeroForEtfMeansWithClassifierProportionalToMeans(CaseSpec s)
    {
        var (x, y, w) = Collapsed(s);
        var r = NcMetrics.Compute(x, y, s.K, s.D, w);
        Near.True(r.EtfGramError < 1e-10, $"etfGramError = {r.EtfGramError}");
        Near.True(r.Equiangularity < 1e-10 && r.MaxAngle < 1e-10, $"equiangularity = {r.Equiangularity}, max {r.MaxAngle}");
        Near.True(r.EquinormMeans < 1e-10 && r.EquinormClassifier < 1e-10, $"equinorm = {r.EquinormMeans}, {r.EquinormClassifier}");
        Near.True(r.Nc3!.Value < 1e-20, $"nc3 = {r.Nc3}");
        Near.True(r.Nc4 == 0 && r.NccAccuracy == 1 && r.Accuracy == 1, $"nc4 = {r.Nc4}, ncc = {r.NccAccuracy}");
    }

    [Property]
    public void Nc1IsNeverNegativeEvenForNearlyCollapsedFloat32Features(CaseSpec s)
    {
        // Means plus noise at float32 resolution, the regime where pinv-based code reports negative NC1.
        var (x, y, _) = Collapsed(s);
        var rng = new Random(s.Seed + 9);
        var noisy = x.Select(v => (double)(float)(v + 1e-7 * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng))).ToArray();
        var r = NcMetrics.Compute(noisy, y, s.K, s.D);
        Near.True(r.Nc1!.Value >= 0 && r.Nc1TraceRatio >= 0 && r.Cdnv >= 0, $"nc1 = {r.Nc1}, ratio = {r.Nc1TraceRatio}");
        Near.True(r.Nc1.Value < 1e-6, $"nearly collapsed features gave nc1 = {r.Nc1}");
    }

    [Property]
    public void EveryMetricIsNonNegative(CaseSpec s)
    {
        var t = s.Build(spread: 0.3, noise: 2.0);
        foreach (var (key, value) in Transform.Metrics(t).ToKeyValues())
            if (key is not ("minMargin" or "smoothedMargin" or "normalizedMargin" or "ufmNormalizedMargin"
                or "normalizedSmoothedMargin" or "ufmNormalizedSmoothedMargin" or "logCe"))
                Near.True(value >= 0, $"{key} = {value} < 0");
    }

    [Property]
    public void Nc4IsZeroForEquinormMeansWithAlignedClassifierAndBiasRelation(CaseSpec s)
    {
        // Claims catalogue A6: means at equal distance r from a centre c (μ_k = c + r·u_k, ||u_k|| = 1, otherwise
        // arbitrary: no ETF angles), w_k = α(μ_k − c), b = −W c  ⇒  argmax_k (w_k·h + b_k) = argmin_k ||h − μ_k|| for every h.
        var t = s.Build();
        var rng = new Random(s.Seed + 2);
        var centre = Vector<double>.Build.Dense(s.D, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        double radius = 0.5 + 3 * rng.NextDouble(), alpha = 0.5 + rng.NextDouble();
        var means = Matrix<double>.Build.Dense(s.K, s.D);
        var w = Matrix<double>.Build.Dense(s.K, s.D);
        for (int k = 0; k < s.K; k++)
        {
            var u = Vector<double>.Build.Dense(s.D, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
            u /= u.L2Norm();
            means.SetRow(k, centre + radius * u);
            w.SetRow(k, alpha * radius * u);
        }
        var clf = new Classifier(w, -(w * centre));
        // Evaluate decisions on the random instance's points, NCC with respect to `means`.
        int mismatches = 0;
        Span<double> z = stackalloc double[s.K];
        for (int i = 0; i < t.N; i++)
        {
            var h = t.Row(i);
            clf.Logits(h, z);
            int arg = Collapse.Theory.Margins.SampleMargin.ArgMax(z);
            int ncc = 0; double best = double.PositiveInfinity;
            for (int k = 0; k < s.K; k++)
            {
                double dist = 0;
                for (int j = 0; j < s.D; j++) dist += (h[j] - means[k, j]) * (h[j] - means[k, j]);
                if (dist < best) { best = dist; ncc = k; }
            }
            if (arg != ncc) mismatches++;
        }
        Near.True(mismatches == 0, $"{mismatches} decisions differ from NCC");
    }
}
