using Collapse.Properties.Tests.Reference;
using Collapse.Theory.IO;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Metrics.Sharding;
using Collapse.Theory.Statistics;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Core;

/// <summary>
/// The metric engine against the scalar reference it replaced (decisions exactly, values to 1e-9), and against itself:
/// thread count, chunk size and shard split never change a metric by more than 1e-12 relative (counts not at all).
/// FsCheck prints the failing <see cref="EngineSpec"/>, whose seed replays it.
/// </summary>
[Properties(Arbitrary = new[] { typeof(EngineArbitraries) }, MaxTest = 150)]
public class EngineProperties
{
    private static readonly string[] Counts = ["classes", "samples", "dim", "nccAccuracy", "nc4", "accuracy"];

    /// <summary>Dimensionless metrics bounded by O(1) whose exact value may be 0: rounding noise of 1e-15 is their floor.</summary>
    private static readonly string[] Bounded = ["equinormMeans", "equinormClassifier", "equiangularity", "maxAngle", "etfGramError", "nc3"];

    private static void Relative(double expected, double actual, double tol, double floor, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (expected == actual) return;
        var err = Math.Abs(expected - actual);
        if (!(err <= tol * Math.Abs(expected) + floor))
            throw new Exception($"{what}: expected {expected:R}, got {actual:R}, |diff| {err:E3} > {tol:E0}·|expected| + {floor:E0}");
    }

    [Property]
    public void BlockedSecondPassDecidesExactlyLikeTheScalarReference(EngineSpec s)
    {
        var t = s.Build();
        var clf = s.ClassifierOf(t);
        var stats = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D, trackScatter: false);
        var reference = new ScalarSampleEvaluator(stats, clf, projectNc1: true);
        reference.Add(t.X, t.Y);
        var engine = new SampleEvaluator(stats, clf, projectNc1: true);
        var rng = new Random(s.Seed + 7);
        for (var at = 0; at < t.N;)
        {
            var n = Math.Min(t.N - at, 1 + rng.Next(Math.Max(1, t.N / 2)));
            var part = new SampleEvaluator(engine.Model, keepPairs: true);
            part.Add(t.X.AsSpan(at * t.D, n * t.D), t.Y.AsSpan(at, n));
            engine.Merge(part);
            at += n;
        }
        Near.True(reference.NccAccuracy == engine.NccAccuracy, $"nccAccuracy {reference.NccAccuracy:R} vs {engine.NccAccuracy:R}");
        Near.True(reference.Nc4 == engine.Nc4, $"nc4 {reference.Nc4:R} vs {engine.Nc4:R}");
        Near.True(reference.Accuracy == engine.Accuracy, $"accuracy {reference.Accuracy:R} vs {engine.Accuracy:R}");
        Relative(reference.Nc1!.Value, engine.Nc1!.Value, 1e-9, 1e-300, "nc1 (projected)");
        if (clf is null) return;
        // The logit scale: rounding of a logit is ~1e-16 of it, so margins that cancel to ~0 are compared against it.
        var scale = 1e-9 * (1 + stats.MaxNorm * clf.Weights.RowNorms(2).Maximum() + (clf.Bias?.AbsoluteMaximum() ?? 0));
        Relative(reference.MinMargin!.Value, engine.MinMargin!.Value, 1e-9, scale, "minMargin");
        Relative(reference.CrossEntropyMean!.Value, engine.CrossEntropyMean!.Value, 1e-9, 1e-300, "ce");
        Relative(reference.LogCrossEntropy!.Value, engine.LogCrossEntropy!.Value, 1e-9, 1e-12, "logCe");
        Relative(reference.SmoothedMargin!.Value, engine.SmoothedMargin!.Value, 1e-9, scale, "smoothedMargin");
        var a = reference.ClassPairMargins()!;
        var b = engine.ClassPairMargins()!;
        for (var k = 0; k < t.K; k++)
            for (var l = 0; l < t.K; l++) Relative(a[k, l], b[k, l], 1e-9, scale, $"γ[{k},{l}]");
    }

    /// <summary>
    /// Rows w_0 = (a, b, c), w_1 = (c, b, a) against h = (x, y, x) tie exactly in exact arithmetic; the scalar formula and
    /// the fused-multiply-add product round them apart in different ways. Searches such instances where the two orders
    /// disagree and checks that argmax and the margin sign follow the scalar formula (the logit recheck).
    /// </summary>
    [Xunit.Fact]
    public void LogitTiesBelowRoundingAreDecidedLikeTheScalarFormula()
    {
        var rng = new Random(5);
        var found = 0;
        for (var attempt = 0; attempt < 200_000 && found < 40; attempt++)
        {
            double a = rng.NextDouble() * 10, b = rng.NextDouble() * 10, c = rng.NextDouble() * 10, x = rng.NextDouble(), y = rng.NextDouble();
            double z0 = 0 + a * x + b * y + c * x, z1 = 0 + c * x + b * y + a * x;
            double f0 = Math.FusedMultiplyAdd(c, x, Math.FusedMultiplyAdd(b, y, a * x)), f1 = Math.FusedMultiplyAdd(a, x, Math.FusedMultiplyAdd(b, y, c * x));
            if (Math.Sign(z0 - z1) == Math.Sign(f0 - f1)) continue;
            found++;
            // Two classes with the same mean (NCC says 0), samples of class 1 at h and one of class 0 far away.
            var h = new[] { x, y, x, x, y, x, -x, -y, -x };
            var labels = new[] { 1, 1, 0 };
            var stats = ClassStatisticsAccumulator.Of(h, labels, 2, 3, trackScatter: false);
            var clf = new Classifier(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new[,] { { a, b, c }, { c, b, a } }));
            var reference = new ScalarSampleEvaluator(stats, clf);
            reference.Add(h, labels);
            var engine = new SampleEvaluator(stats, clf);
            engine.Add(h, labels);
            Near.True(reference.Nc4 == engine.Nc4 && reference.Accuracy == engine.Accuracy,
                $"a={a:R} b={b:R} c={c:R} x={x:R} y={y:R}: nc4 {reference.Nc4} vs {engine.Nc4}, accuracy {reference.Accuracy} vs {engine.Accuracy}");
        }
        Near.True(found >= 40, $"only {found} rounding-split ties found");
    }

    [Property]
    public void TiledMeanGeometryEqualsTheDensePerPairReference(EngineSpec s)
    {
        var t = s.Build();
        var stats = ClassStatisticsAccumulator.Of(t.X, t.Y, t.K, t.D, trackScatter: false);
        var geo = MeanGeometry.Of(stats, threads: 1 + s.Seed % 3);
        var centred = stats.CentredMeans();
        var (mean, max) = DenseGeometry.Equiangularity(centred);
        // Where the dense reference divides by an exact zero (two equal means: cdnv = ∞; a zero centred mean: NaN angles)
        // the engine reports the metric as undefined (NaN) with a reason.
        void Check(double expected, double actual, double floor, string key)
        {
            if (double.IsFinite(expected)) Relative(expected, actual, 1e-9, floor, key);
            else Near.True(double.IsNaN(actual) && geo.Undefined.ContainsKey(key), $"{key}: reference {expected}, engine {actual} (undefined: {string.Join("; ", geo.Undefined)})");
        }
        Check(DenseGeometry.Cdnv(stats), geo.Cdnv, 1e-300, "cdnv");
        Check(mean, geo.Equiangularity, 1e-12, "equiangularity");
        Check(max, geo.MaxAngle, 1e-12, "maxAngle");
        Check(DenseGeometry.EtfGramError(centred), geo.EtfGramError, 1e-12, "etfGramError");
    }

    [Property(MaxTest = 60)]
    public void ThreadCountChunkSizeAndShardSplitChangeNoMetricBeyond1e12(EngineSpec s)
    {
        var t = s.Build();
        var clf = s.ClassifierOf(t);
        var rng = new Random(s.Seed + 11);
        var matrix = new MetricOptions { Threads = 1, PairMargins = PairMarginMode.Matrix };
        var one = NcMetrics.Compute(t.X, t.Y, t.K, t.D, clf, matrix);
        var threads = 2 + rng.Next(3);
        var chunk = 1 + rng.Next(t.N);
        var parallel = NcMetrics.Compute(t.X, t.Y, t.K, t.D, clf, matrix with { Threads = threads, ChunkRows = chunk });
        Same(one, parallel, $"threads {threads}, chunk {chunk}");
        // Banded pair margins (summary mode) give the same summary as the matrix.
        var banded = NcMetrics.Compute(t.X, t.Y, t.K, t.D, clf, new MetricOptions { Threads = threads, PairMargins = PairMarginMode.Summary });
        Same(one, banded, "summary mode");

        var shards = 1 + rng.Next(Math.Min(4, Math.Min(t.K, t.N)));
        var dir = Path.Combine(Path.GetTempPath(), "collapse-shard-prop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            NpyWriter.WriteMatrix(Path.Combine(dir, "h.npy"), t.X, t.N, t.D);
            NpyWriter.WriteLabels(Path.Combine(dir, "y.npy"), t.Y);
            string? w = null, b = null;
            if (clf is not null)
            {
                w = Path.Combine(dir, "w.npy");
                NpyWriter.WriteMatrix(w, clf.Weights.ToRowMajorArray(), t.K, t.D);
                if (clf.Bias is not null)
                {
                    b = Path.Combine(dir, "b.npy");
                    NpyWriter.WriteVector(b, clf.Bias.ToArray());
                }
            }
            var inputs = new NpyMetricsInputs(Path.Combine(dir, "h.npy"), Path.Combine(dir, "y.npy"), w, b, t.K, chunk);
            var sharded = MetricShards.RunLocally(inputs, shards, Path.Combine(dir, "run"), matrix with { Threads = threads });
            Same(one, sharded, $"{shards} shards, chunk {chunk}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Same(MetricReport a, MetricReport b, string what)
    {
        var x = a.ToKeyValues();
        var y = b.ToKeyValues();
        Near.True(x.Count == y.Count, $"{what}: {x.Count} vs {y.Count} keys");
        for (var i = 0; i < x.Count; i++)
        {
            var key = x[i].Key;
            Near.True(key == y[i].Key, $"{what}: key {key} vs {y[i].Key}");
            if (Counts.Contains(key)) Near.True(x[i].Value.Equals(y[i].Value), $"{what}: {key} {x[i].Value:R} vs {y[i].Value:R} (a count must not change)");
            else Relative(x[i].Value, y[i].Value, 1e-12, Bounded.Contains(key) ? 1e-13 : 1e-300, $"{what}: {key}");
        }
        if (a.Margins is null) return;
        var p = a.Margins.PairStatistics;
        var q = b.Margins!.PairStatistics;
        Near.True(p.Pairs == q.Pairs && p.Negative == q.Negative && p.Min.Equals(q.Min) && p.Max.Equals(q.Max), $"{what}: pair statistics {p} vs {q}");
        Relative(p.Mean, q.Mean, 1e-12, 1e-12 * Math.Abs(p.Max - p.Min), $"{what}: mean γ");
        Relative(p.Std, q.Std, 1e-10, 1e-12 * Math.Abs(p.Max - p.Min), $"{what}: std γ");
        Near.True(p.Worst.SequenceEqual(q.Worst), $"{what}: worst pairs differ");
        if (b.Margins.HasClassPair)
        {
            var m = a.Margins.ClassPair;
            var n = b.Margins.ClassPair;
            for (var k = 0; k < m.GetLength(0); k++)
                for (var l = 0; l < m.GetLength(1); l++)
                    Near.True(m[k, l].Equals(n[k, l]), $"{what}: γ[{k},{l}] {m[k, l]:R} vs {n[k, l]:R}");
        }
    }
}
