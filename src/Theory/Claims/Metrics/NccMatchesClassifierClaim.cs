using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Equinorm means, an aligned classifier and the bias relation give NC4 = 0 on every input.</summary>
public sealed class NccMatchesClassifierClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc4-zero-under-equinorm-alignment", ClaimKind.Identity)
    {
        Title = "Equinorm means, w_k = α(μ_k − μ_G) and b = −Wμ_G give classifier = nearest class centre",
        Statement =
            "If ‖μ_k − μ_G‖ = r for all k (μ_G = (1/K)Σμ_k), w_k = α(μ_k − μ_G), α > 0, and b = −Wμ_G + c·1, then " +
            "argmax_k(w_kᵀh + b_k) = argmin_k‖h − μ_k‖ for every h. Equinorm, non-ETF means; arbitrary test points. Measured: nc4.",
        Source = "Papyan et al. 2020 (NC4); derived (the ETF angle is not needed)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 8, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("points", 200, "extra test points per case", min: 1, max: 100000),
            ClaimParameter.Text("bias", "centred", "the bias: centred, b = −Wμ_G + c·1 (the statement), or zero (the bias relation dropped, falsifier)", "centred", "zero"),
        ],
        Falsifiers =
        [
            Falsifier.Of("bias-relation-dropped", "the bias b = −Wμ_G dropped (b = c·1) while the means sit around μ_G ≠ 0", ("bias", "zero")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var points = p.Int("points");
        var zeroBias = p.Text("bias") == "zero";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k + rng.Next(4);
            var r = ClaimRandom.LogUniform(rng, 0.1, 10);
            // Equinorm around μ_G with Σ(μ_k − μ_G) = 0 but not equiangular: ± pairs (+ a triple for odd K) of random directions.
            var centred = Matrix<double>.Build.Dense(k, d);
            var row = 0;
            if (k % 2 == 1)
            {
                var tri = SimplexEtf.Random(3, d, rng.Next());
                for (var t = 0; t < 3; t++) centred.SetRow(row++, tri.Row(t) * r);
            }
            var u = new double[d];
            while (row < k)
            {
                ClaimRandom.UnitVector(rng, u);
                var v = Vector<double>.Build.DenseOfArray((double[])u.Clone()) * r;
                centred.SetRow(row++, v);
                centred.SetRow(row++, -v);
            }
            var muG = Vector<double>.Build.Dense(d, _ => 5 * ClaimRandom.Normal(rng));
            // Features: class means placed exactly (two symmetric samples per class) plus arbitrary test points.
            var n = 2 * k + points;
            var x = new double[n * d];
            var y = new int[n];
            for (var c = 0; c < k; c++)
            {
                var e = Vector<double>.Build.Dense(d, _ => ClaimRandom.Normal(rng));
                for (var s = 0; s < 2; s++)
                {
                    var h = muG + centred.Row(c) + (s == 0 ? e : -e);
                    y[2 * c + s] = c;
                    for (var j = 0; j < d; j++) x[(2 * c + s) * d + j] = h[j];
                }
            }
            // Extra points must not move the class means: add them in ± pairs around μ_G + μ̃_c, labelled c.
            for (var i = 2 * k; i + 1 < n; i += 2)
            {
                var c = rng.Next(k);
                var e = Vector<double>.Build.Dense(d, _ => 3 * r * ClaimRandom.Normal(rng));
                for (var s = 0; s < 2; s++)
                {
                    var h = muG + centred.Row(c) + (s == 0 ? e : -e);
                    y[i + s] = c;
                    for (var j = 0; j < d; j++) x[(i + s) * d + j] = h[j];
                }
            }
            if (n % 2 == 1) { y[n - 1] = 0; for (var j = 0; j < d; j++) x[(n - 1) * d + j] = muG[j] + centred[0, j]; }
            var alpha = ClaimRandom.LogUniform(rng, 0.1, 10);
            var w = alpha * centred;
            var b = (zeroBias ? Vector<double>.Build.Dense(k) : -(w * muG)) + ClaimRandom.Normal(rng);
            var rep = NcMetrics.Compute(x, y, k, d, new Classifier(w, b));
            return CaseOutcome.Equal(rep.Nc4!.Value, 0, $"K={k} d={d} r={CaseOutcome.F(r)} α={CaseOutcome.F(alpha)}: nc4 = {CaseOutcome.F(rep.Nc4.Value)} over {n} points");
        });
    }
}
