using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Core;

/// <summary>
/// NC metrics (Papyan et al. 2020; docs/conventions.md) are invariant under a joint rotation of features and
/// classifier, under global scaling, and under class relabelling.
/// </summary>
[Properties(Arbitrary = new[] { typeof(CoreArbitraries) }, MaxTest = 100)]
public class MetricInvarianceProperties
{
    private static readonly string[] ScaleFree =
        { "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier", "equiangularity", "maxAngle", "etfGramError", "nc3", "nc4", "nccAccuracy", "accuracy" };

    private static void SameMetrics(MetricReport a, MetricReport b, IEnumerable<string> keys, double tol, string what)
    {
        var da = a.ToKeyValues().ToDictionary(p => p.Key, p => p.Value);
        var db = b.ToKeyValues().ToDictionary(p => p.Key, p => p.Value);
        foreach (var key in keys) Near.Equal(da[key], db[key], tol, $"{what}: {key}");
    }

    [Property]
    public void MetricsAndMarginsAreInvariantUnderJointRotation(CaseSpec s)
    {
        var t = s.Build();
        var q = RandomOrthogonal.Haar(s.D, new Random(s.Seed + 17));
        var a = Transform.Metrics(t);
        var b = Transform.Metrics(Transform.Rotate(t, q));
        SameMetrics(a, b, ScaleFree.Concat(new[] { "minMargin", "ce", "smoothedMargin", "normalizedMargin" }), 1e-8, "rotation");
    }

    [Property]
    public void ScaleFreeMetricsAreInvariantUnderGlobalScaling(CaseSpec s)
    {
        var t = s.Build();
        double c = Math.Exp(new Random(s.Seed).NextDouble() * 8 - 4); // 0.018 … 55
        var a = Transform.Metrics(t);
        var b = Transform.Metrics(Transform.Scale(t, c));
        SameMetrics(a, b, ScaleFree, 1e-8, $"scaling by {c:G4}");
        Near.Equal(a.Margins!.MinMargin * c, b.Margins!.MinMargin, 1e-9, "p_min scales with the logits");
    }

    [Property]
    public void MetricsAreInvariantUnderClassRelabelling(CaseSpec s)
    {
        var t = s.Build();
        var pi = Permutations.Random(s.K, s.Seed + 3);
        var a = Transform.Metrics(t);
        var b = Transform.Metrics(Transform.Relabel(t, pi));
        SameMetrics(a, b, ScaleFree.Concat(new[] { "minMargin", "ce", "logCe", "smoothedMargin" }), 1e-10, "relabelling");
        for (int k = 0; k < s.K; k++)
            for (int l = 0; l < s.K; l++)
                if (k != l && !double.IsNaN(a.Margins!.ClassPair[k, l]))
                    Near.Equal(a.Margins.ClassPair[k, l], b.Margins!.ClassPair[pi[k], pi[l]], 1e-12, $"γ_{k}{l}");
    }

    [Property]
    public void Nc1IsInvariantUnderSimilarityMaps(CaseSpec s)
    {
        // h ↦ c Q h + t leaves Tr(Σ_W Σ_B⁺)/K unchanged (claims catalogue A3).
        var t = s.Build();
        var rng = new Random(s.Seed + 5);
        var q = RandomOrthogonal.Haar(s.D, rng);
        double c = 0.1 + 5 * rng.NextDouble();
        var moved = Transform.Rotate(t, q);
        var shift = Enumerable.Range(0, s.D).Select(_ => 10 * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng)).ToArray();
        var x = moved.X.Select((v, i) => c * v + shift[i % s.D]).ToArray();
        var a = NcMetrics.Compute(t.X, t.Y, t.K, t.D);
        var b = NcMetrics.Compute(x, t.Y, t.K, t.D);
        Near.Equal(a.Nc1!.Value, b.Nc1!.Value, 1e-7, "nc1 under c·Q·h + t");
    }
}
