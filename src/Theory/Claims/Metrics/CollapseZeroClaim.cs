using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Every NC metric is 0 at exact neural collapse (NC1–NC4 of Papyan et al. 2020).</summary>
public sealed class CollapseZeroClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc-metrics-zero-at-collapse", ClaimKind.Identity)
    {
        Title = "All NC metrics vanish at exact neural collapse",
        Statement =
            "Features h_i = s·m_{y_i} + t (m an ETF, any scale s, offset t), classifier W = c·s·M, b = −W t: nc1, nc1TraceRatio, " +
            "cdnv, equinormMeans, equinormClassifier, equiangularity, maxAngle, etfGramError, nc3, nc4, 1 − nccAccuracy and " +
            "1 − accuracy are all 0. Measured: the largest.",
        Source = "Papyan, Han, Donoho 2020 (PNAS), NC1–NC4",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 10, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("perClass", 4, "samples per class", min: 1, max: 10000),
            ClaimParameter.Text("classifier", "aligned", "classifier rows: aligned with their class means (the statement) or shifted cyclically to the next class (broken input, "
                + "falsifier)", "aligned", "shifted"),
        ],
        Falsifiers =
        [
            Falsifier.Of("classifier-rows-shifted", "the classifier rows assigned to the wrong classes (cyclic shift), which NC3, NC4 and the accuracy must see", ("classifier", "shifted")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var per = p.Int("perClass");
        var shifted = p.Text("classifier") == "shifted";
        return RunCases(p, context, 1e-10, seed =>
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
            var w = c * s * (shifted ? SimplexEtf.Permute(m, [.. Enumerable.Range(0, k).Select(i => (i + 1) % k)]) : m);
            var r = NcMetrics.Compute(x, y, k, d, new Classifier(w, -(w * t)));
            var values = new (string, double)[]
            {
                ("nc1", r.Nc1!.Value), ("nc1TraceRatio", (r.Nc1TraceRatio ?? double.NaN)), ("cdnv", (r.Cdnv ?? double.NaN)), ("equinormMeans", (r.EquinormMeans ?? double.NaN)),
                ("equinormClassifier", r.EquinormClassifier!.Value), ("equiangularity", (r.Equiangularity ?? double.NaN)), ("maxAngle", (r.MaxAngle ?? double.NaN)),
                ("etfGramError", (r.EtfGramError ?? double.NaN)), ("nc3", r.Nc3!.Value), ("nc4", r.Nc4!.Value), ("1-nccAccuracy", 1 - r.NccAccuracy),
                ("1-accuracy", 1 - r.Accuracy!.Value),
            };
            var (name, worst) = values.MaxBy(v => Math.Abs(v.Item2));
            return CaseOutcome.Equal(Math.Abs(worst), 0, $"K={k} d={d} s={CaseOutcome.F(s)} c={CaseOutcome.F(c)}: largest metric {name} = {CaseOutcome.F(worst)}");
        });
    }
}
