using Collapse.Theory.Metrics;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Statistics;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Core;

/// <summary>Streaming sufficient statistics (Chan, Golub, LeVeque 1979): any batch split and merge order equal the one-shot result.</summary>
[Properties(Arbitrary = new[] { typeof(CoreArbitraries) }, MaxTest = 100)]
public class StreamingProperties
{
    private static List<(int Start, int Count)> RandomSplit(int n, Random rng)
    {
        var parts = new List<(int, int)>();
        int at = 0;
        while (at < n) { int c = 1 + rng.Next(Math.Max(1, n / 2)); c = Math.Min(c, n - at); parts.Add((at, c)); at += c; }
        return parts;
    }

    private static void SameStatistics(ClassStatistics a, ClassStatistics b, string what)
    {
        Near.True(a.Counts.SequenceEqual(b.Counts), $"{what}: counts differ");
        Near.True((a.Means - b.Means).FrobeniusNorm() <= 1e-12 * (1 + a.Means.FrobeniusNorm()), $"{what}: means differ");
        for (int k = 0; k < a.Classes; k++) Near.Equal(a.ClassSquaredDeviation[k], b.ClassSquaredDeviation[k], 1e-11, $"{what}: M2_{k}");
        Near.True((a.WithinScatter! - b.WithinScatter!).FrobeniusNorm() <= 1e-11 * (1 + a.WithinScatter!.FrobeniusNorm()), $"{what}: scatter differs");
        Near.Equal(a.SumSquaredNorms, b.SumSquaredNorms, 1e-12, $"{what}: Σ||h||²");
        Near.Equal(a.MaxNorm, b.MaxNorm, 0, $"{what}: max ||h||");
    }

    [Property]
    public void AnyBatchSplitEqualsOneShot(CaseSpec s)
    {
        var t = s.Build();
        var oneShot = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D);
        var acc = new ClassStatisticsAccumulator(t.K, t.D);
        foreach (var (start, count) in RandomSplit(t.N, new Random(s.Seed)))
            acc.Add(t.X.AsSpan(start * t.D, count * t.D), t.Y.AsSpan(start, count));
        SameStatistics(oneShot, acc.Build(), "batched");
    }

    [Property]
    public void ShardsMergeInAnyOrder(CaseSpec s)
    {
        var t = s.Build();
        var rng = new Random(s.Seed + 1);
        var shards = RandomSplit(t.N, rng).Select(p =>
        {
            var a = new ClassStatisticsAccumulator(t.K, t.D);
            a.Add(t.X.AsSpan(p.Start * t.D, p.Count * t.D), t.Y.AsSpan(p.Start, p.Count));
            return a;
        }).ToList();
        var forward = new ClassStatisticsAccumulator(t.K, t.D);
        foreach (var sh in shards) forward.Merge(sh);
        var backward = new ClassStatisticsAccumulator(t.K, t.D);
        foreach (var sh in Enumerable.Reverse(shards)) backward.Merge(sh);
        SameStatistics(ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D), forward.Build(), "forward merge");
        SameStatistics(forward.Build(), backward.Build(), "reverse merge");
    }

    [Property]
    public void StreamedSecondPassEqualsOneShotMetrics(CaseSpec s)
    {
        var t = s.Build();
        var clf = new Classifier(t.W, t.B);
        var stats = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D);
        var merged = new SampleEvaluator(stats, clf);
        foreach (var (start, count) in RandomSplit(t.N, new Random(s.Seed + 2)))
        {
            var part = new SampleEvaluator(stats, clf);
            part.Add(t.X.AsSpan(start * t.D, count * t.D), t.Y.AsSpan(start, count));
            merged.Merge(part);
        }
        var streamed = NcMetrics.FromPasses(stats, merged, clf).ToKeyValues();
        var direct = NcMetrics.Compute(t.X, t.Y, t.K, t.D, clf).ToKeyValues();
        for (int i = 0; i < direct.Count; i++) Near.Equal(direct[i].Value, streamed[i].Value, 1e-11, direct[i].Key);
    }

    [Property]
    public void TotalCovarianceDecomposesIntoWithinAndWeightedBetween(CaseSpec s)
    {
        // Claims catalogue A2: Σ_T = Σ_W + Σ_k (n_k/N)(μ_k − μ_G^s)(μ_k − μ_G^s)ᵀ with the sample-weighted μ_G^s.
        var t = s.Build();
        var stats = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D);
        var g = stats.GlobalMean(GlobalMeanKind.SampleWeighted);
        var total = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(t.D, t.D);
        for (int i = 0; i < t.N; i++)
        {
            var dv = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(t.Row(i).ToArray()) - g;
            total += dv.OuterProduct(dv);
        }
        total /= t.N;
        var rhs = stats.SigmaW.Clone();
        for (int k = 0; k < t.K; k++)
        {
            var dv = stats.Means.Row(k) - g;
            rhs += dv.OuterProduct(dv) * ((double)stats.Counts[k] / t.N);
        }
        Near.True((total - rhs).FrobeniusNorm() <= 1e-12 * (1 + total.FrobeniusNorm()), $"Σ_T − (Σ_W + Σ_B^w) = {(total - rhs).FrobeniusNorm():E3}");
    }

    [Property]
    public void ProjectedSecondPassNc1EqualsScatterNc1(CaseSpec s)
    {
        // nc1 from the d×d scatter (pass 1) and from the rank-(K−1) projection in pass 2 are the same number.
        var t = s.Build();
        var full = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D);
        var lean = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D, trackScatter: false);
        var eval = new SampleEvaluator(lean, null, projectNc1: true);
        eval.Add(t.X, t.Y);
        var projected = NcMetrics.FromPasses(lean, eval, null).Nc1!.Value;
        Near.Equal(Nc1.Compute(full), projected, 1e-9, "nc1 (projected vs scatter)");
    }
}
