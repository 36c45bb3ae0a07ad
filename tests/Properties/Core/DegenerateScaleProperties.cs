using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>A <see cref="CaseSpec"/> whose features are multiplied by 10^<see cref="Power"/>.</summary>
public sealed record ScaledCase(CaseSpec Case, int Power)
{
    public override string ToString() => $"ScaledCase({Case}, ×1e{Power})";
}

/// <summary>
/// K classes whose centred means have rank <see cref="Rank"/> (0: every class mean is the same vector), optionally with
/// classes 0 and 1 given the same samples (<see cref="DuplicatePair"/>: equal means); d ≥ K.
/// </summary>
public sealed record RankDeficientCase(int K, int D, int PerClass, int Rank, bool DuplicatePair, int Seed)
{
    /// <summary>
    /// Every class draws the same noise rows (so equal means are bit-for-bit equal), added to
    /// offset + A_k B with A (K×r), B (r×d) Gaussian: M̃ has rank r up to rounding.
    /// </summary>
    public Instance Build()
    {
        var rng = new Random(Seed);
        var offset = Enumerable.Range(0, D).Select(_ => 2 * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng)).ToArray();
        var a = RandomOrthogonal.Gaussian(K, Math.Max(Rank, 1), rng) * 3;
        var b = RandomOrthogonal.Gaussian(Math.Max(Rank, 1), D, rng);
        var centre = Rank == 0 ? Matrix<double>.Build.Dense(K, D) : a.SubMatrix(0, K, 0, Rank) * b.SubMatrix(0, Rank, 0, D);
        if (DuplicatePair) centre.SetRow(1, centre.Row(0));
        var noise = Enumerable.Range(0, PerClass * D).Select(_ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng)).ToArray();
        var x = new double[K * PerClass * D];
        var y = new int[K * PerClass];
        for (int c = 0, i = 0; c < K; c++)
            for (var r = 0; r < PerClass; r++, i++)
            {
                y[i] = c;
                for (var j = 0; j < D; j++) x[i * D + j] = offset[j] + centre[c, j] + noise[r * D + j];
            }
        var w = RandomOrthogonal.Gaussian(K, D, rng);
        var bias = Vector<double>.Build.Dense(K, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        return new Instance(x, y, K, D, w, bias);
    }

    public override string ToString() => $"RankDeficientCase(K={K}, d={D}, perClass={PerClass}, rank={Rank}, duplicatePair={DuplicatePair}, seed={Seed})";
}

/// <summary>FsCheck arbitraries of <see cref="DegenerateScaleProperties"/>.</summary>
public static class DegenerateScaleArbitraries
{
    /// <summary>The core cases (K ∈ [2, 7]) with a scale 10^s, s ∈ [−300, 300].</summary>
    public static Arbitrary<ScaledCase> ScaledCases() =>
        Arb.From(
            from s in CoreArbitraries.CaseSpecs().Generator
            from p in Gen.Choose(-300, 300)
            select new ScaledCase(s, p));

    /// <summary>The core cases (<see cref="CoreArbitraries.CaseSpecs"/>).</summary>
    public static Arbitrary<CaseSpec> CaseSpecs() => CoreArbitraries.CaseSpecs();

    /// <summary>K ∈ [2, 8], d ∈ [K, K+4], rank ∈ [0, K−2], 1–5 samples per class.</summary>
    public static Arbitrary<RankDeficientCase> RankDeficientCases() =>
        Arb.From(
            from k in Gen.Choose(2, 8)
            from d in Gen.Choose(k, k + 4)
            from n in Gen.Choose(1, 5)
            from r in Gen.Choose(0, k - 2)
            from dup in Gen.Elements(false, false, true)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new RankDeficientCase(k, d, n, r, dup && k >= 3 && r >= 1, seed));
}

/// <summary>
/// Degenerate geometry and extreme scales (docs/metrics.md, "Degenerate geometry and extreme scales"): the scale-invariant
/// metrics of features ×10^s, s ∈ [−300, 300], equal those of the features as given (the engine rescales by a power of
/// two); margins scale with the features; rank-deficient means keep nc1 (rank-r pseudo-inverse) and report exactly the
/// undefined metrics, with their reasons; no metric is ever NaN without a reason.
/// </summary>
[Properties(Arbitrary = new[] { typeof(DegenerateScaleArbitraries) }, MaxTest = 100)]
public class DegenerateScaleProperties
{
    /// <summary>Relative agreement required of the scale-invariant metrics (measured worst: see docs/metrics.md).</summary>
    public const double ScaleTolerance = 1e-10;

    private static readonly string[] ScaleInvariant =
    {
        "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier", "equiangularity", "maxAngle", "etfGramError",
        "nc3", "nc4", "nccAccuracy", "accuracy", "normalizedMargin",
    };

    private static readonly string[] Geometry =
        { "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equiangularity", "maxAngle", "etfGramError", "nc3" };

    /// <summary>Every key present is finite, or ±∞/NaN with a reason in <see cref="MetricReport.Undefined"/> (and then null unless ±∞).</summary>
    internal static void NoSilentNaN(MetricReport r, string what)
    {
        foreach (var (key, value) in r.ToKeyValues())
            if (!double.IsFinite(value))
                Near.True(r.Undefined.TryGetValue(key, out var reason) && reason.Length > 0, $"{what}: {key} = {value} without a reason");
    }

    private static void Relative(double expected, double actual, double tol, string what)
    {
        var err = Math.Abs(expected - actual);
        if (!(err <= tol * Math.Abs(expected) + 1e-13))
            throw new Exception($"{what}: expected {expected:R}, got {actual:R}, relative {err / Math.Abs(expected):E3} > {tol:E1} (floor 1e-13)");
    }

    private static void SameInvariants(Instance t, double c, string what)
    {
        var a = Transform.Metrics(t);
        var b = Transform.Metrics(Transform.Scale(t, c)); // h ↦ c h, b ↦ c b: logits scale by c
        NoSilentNaN(b, what);
        Near.True(b.Undefined.Count == 0, $"{what}: undefined {string.Join("; ", b.Undefined)}");
        var da = a.ToKeyValues().ToDictionary(p => p.Key, p => p.Value);
        var db = b.ToKeyValues().ToDictionary(p => p.Key, p => p.Value);
        foreach (var key in ScaleInvariant) Relative(da[key], db[key], ScaleTolerance, $"{what}: {key}");
        Relative(c * a.Margins!.MinMargin, b.Margins!.MinMargin, ScaleTolerance, $"{what}: minMargin scales with the logits");
        foreach (var (k, l, g) in a.Margins.PairStatistics.Worst.Select(p => (p.K, p.L, p.Gamma)).Take(3))
            Relative(c * g, b.Margins.ClassPair[k, l], ScaleTolerance, $"{what}: γ_{k}{l}");
    }

    [Property]
    public void ScaleInvariantMetricsOfFeaturesTimes1eSEqualTheUnscaledOnes(ScaledCase s)
    {
        var t = s.Case.Build();
        SameInvariants(t, Math.Pow(10, s.Power), s.ToString());
    }

    [Property(MaxTest = 20)]
    public void TheEndsOfTheRangeAndTheRescalingThresholdsGiveTheUnscaledValues(CaseSpec s)
    {
        var t = s.Build();
        foreach (var c in new[] { 1e-300, 1e-200, Math.ScaleB(1, -41), Math.ScaleB(1, -40), 1e-10, 1e10, Math.ScaleB(1, 40), Math.ScaleB(1, 41), 1e200, 1e300 })
            SameInvariants(t, c, $"{s} ×{c:R}");
    }

    [Property]
    public void RankDeficientMeansReportTheDefinedMetricsAndNameTheUndefinedOnes(RankDeficientCase s)
    {
        var t = s.Build();
        var r = Transform.Metrics(t);
        NoSilentNaN(r, s.ToString());
        Near.True(r.Engine!.Nc1Rank == s.Rank, $"{s}: nc1Rank {r.Engine.Nc1Rank}, expected {s.Rank}");
        // Defined whatever the means: decisions, margins, losses.
        foreach (var v in new[] { r.NccAccuracy, r.Nc4!.Value, r.Accuracy!.Value, r.Margins!.MinMargin, r.Margins.SmoothedMargin, r.Ce!.Value, r.LogCe!.Value })
            Near.True(double.IsFinite(v), $"{s}: a decision/margin/loss is {v}");
        if (s.Rank == 0)
        {
            foreach (var key in Geometry)
                Near.True(r.Undefined.TryGetValue(key, out var why) && why == MetricUndefined.MeansCoincide, $"{s}: {key} reason {why}");
            Near.True(r.Nc1 is null && r.Cdnv is null && r.EtfGramError is null && r.Equiangularity is null && r.MaxAngle is null && r.Nc3 is null,
                $"{s}: undefined metrics must be null");
            // Every centre is nearest: ties go to the lowest index, class 0.
            Near.True(r.NccAccuracy == (double)t.Y.Count(y => y == 0) / t.N, $"{s}: nccAccuracy {r.NccAccuracy}");
            Near.True(r.Undefined.Count == Geometry.Length, $"{s}: undefined {string.Join("; ", r.Undefined)}");
            return;
        }
        // Rank r ≥ 1: nc1 = (1/K) Tr(Σ_W Σ_B⁺) with the rank-r pseudo-inverse, every other geometric metric defined
        // except the CDNV of a duplicated pair.
        Relative(TruncatedNc1(t, s.Rank), r.Nc1!.Value, 1e-8, $"{s}: nc1 against the rank-r pseudo-inverse");
        foreach (var v in new[] { r.Nc1TraceRatio, r.EquinormMeans, r.Equiangularity, r.MaxAngle, r.EtfGramError, r.Nc3 })
            Near.True(v is { } x && double.IsFinite(x), $"{s}: a geometric metric is {v}");
        if (s.DuplicatePair)
        {
            Near.True(r.Cdnv is null && r.Undefined.TryGetValue("cdnv", out var why) && why == MetricUndefined.EqualMeans(0, 1),
                $"{s}: cdnv {r.Cdnv}, undefined {string.Join("; ", r.Undefined)}");
            Near.True(r.Undefined.Count == 1, $"{s}: undefined {string.Join("; ", r.Undefined)}");
        }
        else Near.True(r.Cdnv is { } cd && double.IsFinite(cd) && r.Undefined.Count == 0, $"{s}: cdnv {r.Cdnv}, undefined {string.Join("; ", r.Undefined)}");
    }

    [Property(MaxTest = 30)]
    public void DegenerateMeansAtExtremeScalesAreStillReportedWithTheirReasons(RankDeficientCase s)
    {
        var t = s.Build();
        var a = Transform.Metrics(t);
        foreach (var c in new[] { 1e-300, 1e300 })
        {
            var b = Transform.Metrics(Transform.Scale(t, c));
            NoSilentNaN(b, $"{s} ×{c:R}");
            Near.True(b.Undefined.Keys.Order().SequenceEqual(a.Undefined.Keys.Order()),
                $"{s} ×{c:R}: undefined {string.Join(", ", b.Undefined.Keys)} vs {string.Join(", ", a.Undefined.Keys)}");
            if (a.Nc1 is { } nc1) Relative(nc1, b.Nc1!.Value, 1e-8, $"{s} ×{c:R}: nc1");
        }
    }

    /// <summary>(1/K) Tr(Σ_W Σ_B⁺) with Σ_B⁺ the pseudo-inverse of the rank-r truncation (dense, d×d).</summary>
    private static double TruncatedNc1(Instance t, int rank)
    {
        int k = t.K, d = t.D;
        var means = Matrix<double>.Build.Dense(k, d);
        var counts = new int[k];
        for (var i = 0; i < t.N; i++)
        {
            counts[t.Y[i]]++;
            for (var j = 0; j < d; j++) means[t.Y[i], j] += t.X[i * d + j];
        }
        for (var c = 0; c < k; c++) means.SetRow(c, means.Row(c) / counts[c]);
        var g = means.ColumnSums() / k;
        var centred = Matrix<double>.Build.Dense(k, d, (c, j) => means[c, j] - g[j]);
        var sigmaW = Matrix<double>.Build.Dense(d, d);
        for (var i = 0; i < t.N; i++)
        {
            var dev = Vector<double>.Build.Dense(d, j => t.X[i * d + j] - means[t.Y[i], j]);
            sigmaW += dev.OuterProduct(dev);
        }
        sigmaW /= t.N;
        var sigmaB = centred.TransposeThisAndMultiply(centred) / k;
        var svd = sigmaB.Svd(true);
        var pinv = Matrix<double>.Build.Dense(d, d);
        for (var j = 0; j < rank; j++) pinv += svd.U.Column(j).OuterProduct(svd.U.Column(j)) / svd.S[j];
        return (sigmaW * pinv).Trace() / k;
    }
}
