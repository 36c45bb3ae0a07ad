using Collapse.Theory.Bounds;
using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Inside the radius γ/(L‖w_y − w_l‖) of a training point, no input is confused with class l.</summary>
public sealed class LipschitzMarginTransferClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("lipschitz-margin-transfer", ClaimKind.Inequality)
    {
        Title = "Lipschitz margin transfer: no confusion within ε = γ/(L‖w_y − w_l‖) of a training point",
        Statement =
            "For f L-Lipschitz and a point x_j of class y with γ = (w_y − w_l)ᵀf(x_j) > 0: every x with ‖x − x_j‖ < radiusFactor·ε, " +
            "ε = γ/(L‖w_y − w_l‖), has (w_y − w_l)ᵀf(x) ≥ γ − L‖w_y − w_l‖‖x − x_j‖ > 0 (radiusFactor = 1 is the statement; " +
            "radiusFactor = 2 is a deliberately false variant). Maps: f(x) = L·Sx and f(x) = tanh(L·Sx), S with orthonormal rows " +
            "(tight for the linear map along the steepest direction). Measured: max over test points of −(w_y − w_l)ᵀf(x)/γ and of " +
            "(lower bound − actual)/γ; ≤ 0 expected. Informative: some probe at twice its distance has a non-positive pair score (the doubled radius is refuted on the case); tightness: the "
                + "largest (γ − score)/(L‖w_y − w_l‖·distance) over the probes, the fraction of the Lipschitz allowance used (1 along the steepest direction of the linear map).",
        Source = "[reconstructed] mechanism of Gao et al. 2023's covering-number bound (Thm 4.8 in the reviews)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("inDim", 6, "input dimension", min: 1, max: 10000),
            ClaimParameter.Int("featureDim", 5, "feature dimension (at most inDim)", min: 1, max: 10000),
            ClaimParameter.Real("radiusFactor", 1, "multiple of the safe radius ε probed: 1 = the statement; 2 is a deliberately false variant (falsifier)", min: 1e-6),
        ],
        Falsifiers =
        [
            Falsifier.Of("radius-doubled", "twice the safe radius γ/(L‖w_y − w_l‖)", ("radiusFactor", "2")),
        ],
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p) => p.Require(p.Int("featureDim") <= p.Int("inDim"), "featureDim", "featureDim <= inDim");

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var k = p.Int("classes");
        var din = p.Int("inDim");
        var dfeat = p.Int("featureDim");
        var factor = p.Real("radiusFactor");
        return RunCases(p, context, 1e-9, seed =>
        {
            var rng = new Random(seed);
            var lip = ClaimRandom.LogUniform(rng, 0.1, 10);
            var tanh = rng.Next(2) == 1;
            var a = lip * RandomOrthogonal.Stiefel(din, dfeat, rng).Transpose(); // dfeat×din, ‖A‖₂ = L exactly
            var w = RandomOrthogonal.Gaussian(k, dfeat, rng);
            var xj = Vector<double>.Build.Dense(din, _ => ClaimRandom.Normal(rng) / lip);
            Vector<double> F(Vector<double> x) { var z = a * x; return tanh ? z.Map(Math.Tanh) : z; }
            var fj = F(xj);
            var logits = w * fj;
            var y = logits.MaximumIndex();
            var worst = double.NegativeInfinity;
            var where = "";
            var used = double.NegativeInfinity;
            var doubledRefuted = false;
            for (var l = 0; l < k; l++)
            {
                if (l == y) continue;
                var dw = w.Row(y) - w.Row(l);
                var dist = dw.L2Norm();
                var gamma = dw * fj;
                if (!(gamma > 0)) return CaseOutcome.Skip("training point on a decision boundary");
                var eps = LipschitzMarginTransfer.Radius(gamma, lip, dist);
                var steep = -(a.TransposeThisAndMultiply(dw));
                steep /= steep.L2Norm();
                foreach (var (dir, t) in Directions(steep, rng, din))
                {
                    var delta = factor * eps * t;
                    var x = xj + dir * delta;
                    var actual = dw * F(x);
                    var lower = LipschitzMarginTransfer.GuaranteedPairScore(gamma, lip, dist, delta);
                    var e = Math.Max(-actual / gamma, (lower - actual) / gamma);
                    if (delta > 0) used = Math.Max(used, (gamma - actual) / (lip * dist * delta));
                    doubledRefuted |= dw * F(xj + dir * (2 * delta)) <= 0;
                    if (e > worst)
                    {
                        worst = e; where = $"pair ({y},{l}) γ={CaseOutcome.F(gamma)} ε={CaseOutcome.F(eps)} at distance {CaseOutcome.F(delta)}: score {CaseOutcome.F(actual)}, "
                        + $"guaranteed {CaseOutcome.F(lower)}";
                    }
                }
            }
            return new CaseOutcome(worst, 0, worst, $"{(tanh ? "tanh" : "linear")} map L={CaseOutcome.F(lip)} K={k}: {where}")
            {
                Tightness = used,
                Informative = doubledRefuted,
            };
        });
    }

    private static IEnumerable<(Vector<double> Dir, double T)> Directions(Vector<double> steep, Random rng, int din)
    {
        foreach (var t in new[] { 0.25, 0.5, 0.9, 0.999 }) yield return (steep, t);
        var u = new double[din];
        for (var i = 0; i < 16; i++)
        {
            ClaimRandom.UnitVector(rng, u);
            yield return (Vector<double>.Build.DenseOfArray((double[])u.Clone()), 0.999 * rng.NextDouble());
        }
    }
}
