using Collapse.Theory.Bounds;
using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Paper-notes P6: inside the radius γ/(L‖w_y − w_l‖) of a training point, no input is confused with class l.</summary>
public sealed class LipschitzMarginTransferClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "lipschitz-margin-transfer";
    /// <inheritdoc />
    public override string Title => "Lipschitz margin transfer: no confusion within ε = γ/(L‖w_y − w_l‖) of a training point";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 (arXiv 2310.08358) Thm 4.8 mechanism [R: paper-notes §4.3 / P6]";
    /// <inheritdoc />
    public override string Statement =>
        "For f L-Lipschitz and a point x_j of class y with γ = (w_y − w_l)ᵀf(x_j) > 0: every x with ‖x − x_j‖ < radiusFactor·ε, " +
        "ε = γ/(L‖w_y − w_l‖), has (w_y − w_l)ᵀf(x) ≥ γ − L‖w_y − w_l‖‖x − x_j‖ > 0 (radiusFactor = 1 is the statement; " +
        "radiusFactor = 2 is a deliberately false variant). Maps: f(x) = L·Sx and f(x) = tanh(L·Sx), S with orthonormal rows " +
        "(tight for the linear map along the steepest direction). Measured: max over test points of −(w_y − w_l)ᵀf(x)/γ and of " +
        "(lower bound − actual)/γ; ≤ 0 expected.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        Params(("classes", 4), ("inDim", 6), ("featureDim", 5), ("radiusFactor", 1));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var k = context.GetInt(this, "classes");
        var din = context.GetInt(this, "inDim");
        var dfeat = context.GetInt(this, "featureDim");
        var factor = context.GetDouble(this, "radiusFactor");
        if (k < 2 || din < 1 || dfeat < 1 || dfeat > din) throw new InputException("--param classes >= 2, 1 <= featureDim <= inDim required");
        if (!(factor > 0)) throw new InputException("--param radiusFactor must be > 0");
        return RunCases(context, 1e-9, seed =>
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
                    if (e > worst) { worst = e; where = $"pair ({y},{l}) γ={CaseOutcome.F(gamma)} ε={CaseOutcome.F(eps)} at distance {CaseOutcome.F(delta)}: score {CaseOutcome.F(actual)}, guaranteed {CaseOutcome.F(lower)}"; }
                }
            }
            return new CaseOutcome(worst, 0, worst, $"{(tanh ? "tanh" : "linear")} map L={CaseOutcome.F(lip)} K={k}: {where}");
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
