using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Every NC metric is 0 at exact neural collapse (Papyan et al. 2020, NC1–NC4).</summary>
public sealed class CollapseZeroClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "nc-metrics-zero-at-collapse";
    /// <inheritdoc />
    public override string Title => "All NC metrics vanish at exact neural collapse";
    /// <inheritdoc />
    public override string Source => "Papyan, Han, Donoho 2020, PNAS, NC1–NC4 (claims catalogue A1)";
    /// <inheritdoc />
    public override string Statement =>
        "Features h_i = s·m_{y_i} + t (m an ETF, any scale s, offset t), classifier W = c·s·M, b = −W t: nc1, nc1TraceRatio, " +
        "cdnv, equinormMeans, equinormClassifier, equiangularity, maxAngle, etfGramError, nc3, nc4, 1 − nccAccuracy and " +
        "1 − accuracy are all 0. Measured: the largest.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 10), ("perClass", 4));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var per = context.GetInt(this, "perClass");
        if (maxK < 2 || per < 1) throw new InputException("--param maxClasses >= 2 and perClass >= 1 required");
        return RunCases(context, 1e-10, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(5);
            var m = SimplexEtf.Random(k, d, rng.Next());
            var s = ClaimRandom.LogUniform(rng, 0.1, 100);
            var c = ClaimRandom.LogUniform(rng, 0.1, 10);
            var t = Vector<double>.Build.Dense(d, _ => 10 * ClaimRandom.Normal(rng));
            var n = k * per;
            var x = new double[n * d];
            var y = new int[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = i % k;
                for (var j = 0; j < d; j++) x[i * d + j] = s * m[y[i], j] + t[j];
            }
            var w = c * s * m;
            var r = NcMetrics.Compute(x, y, k, d, new Classifier(w, -(w * t)));
            var values = new (string, double)[]
            {
                ("nc1", r.Nc1!.Value), ("nc1TraceRatio", r.Nc1TraceRatio), ("cdnv", r.Cdnv), ("equinormMeans", r.EquinormMeans),
                ("equinormClassifier", r.EquinormClassifier!.Value), ("equiangularity", r.Equiangularity), ("maxAngle", r.MaxAngle),
                ("etfGramError", r.EtfGramError), ("nc3", r.Nc3!.Value), ("nc4", r.Nc4!.Value), ("1-nccAccuracy", 1 - r.NccAccuracy),
                ("1-accuracy", 1 - r.Accuracy!.Value),
            };
            var (name, worst) = values.MaxBy(v => Math.Abs(v.Item2));
            return CaseOutcome.Equal(Math.Abs(worst), 0, $"K={k} d={d} s={CaseOutcome.F(s)} c={CaseOutcome.F(c)}: largest metric {name} = {CaseOutcome.F(worst)}");
        });
    }
}
