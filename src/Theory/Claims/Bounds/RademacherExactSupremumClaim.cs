using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>sup_{‖w‖≤B} (1/m)Σσ_i⟨w,h_i⟩ = (B/m)‖Σσ_i h_i‖, attained at w* = B·v/‖v‖ (Cauchy–Schwarz).</summary>
public sealed class RademacherExactSupremumClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("rademacher-exact-supremum", ClaimKind.Identity)
    {
        Title = "The Rademacher supremum over a norm ball is B/m times the norm of the signed sum",
        Statement =
            "For every σ ∈ {±1}^m: the value at w* = B·v/‖v‖ (v = Σσ_i h_i) equals (B/m)‖v‖, and no w with ‖w‖ ≤ B exceeds it " +
            "(200 random feasible w per case). Tolerance 1e-12 relative to B·max_i‖h_i‖.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., proof of Thm 5.10 (first step)",
        References = ["mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxSamples", 64, "largest number of samples m drawn", min: 1, max: 100000),
            ClaimParameter.Int("maxDim", 16, "largest dimension d drawn", min: 1, max: 10000),
            ClaimParameter.Real("mPower", 1, "the formula is (B/m^mPower)‖Σσ_i h_i‖: 1 = the statement; 0.5 is a deliberately false variant (falsifier)", min: 0),
        ],
        Falsifiers =
        [
            Falsifier.Of("b-over-sqrt-m", "(B/√m)‖Σσ_i h_i‖ instead of (B/m)‖Σσ_i h_i‖", ("mPower", "0.5")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxM = p.Int("maxSamples");
        var maxD = p.Int("maxDim");
        var mPower = p.Real("mPower");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var d = 1 + rng.Next(maxD);
            var b = ClaimRandom.LogUniform(rng, 0.1, 10);
            var (x, shape) = ClaimRandom.Features(rng, m, d);
            var signs = new int[m];
            for (var i = 0; i < m; i++) signs[i] = rng.Next(2) == 0 ? -1 : 1;
            var formula = LinearRademacher.Supremum(x, d, b, signs) * Math.Pow(m, 1 - mPower);
            var v = new double[d];
            for (var i = 0; i < m; i++)
                for (var j = 0; j < d; j++) v[j] += signs[i] * x[i * d + j];
            var norm = Math.Sqrt(v.Sum(t => t * t));
            var w = new double[d];
            if (norm > 0) for (var j = 0; j < d; j++) w[j] = b * v[j] / norm;
            var attained = Value(w);
            var worstOther = double.NegativeInfinity;
            for (var t = 0; t < 200; t++)
            {
                ClaimRandom.UnitVector(rng, w);
                var r = b * Math.Pow(rng.NextDouble(), 1.0 / d);
                for (var j = 0; j < d; j++) w[j] *= r;
                worstOther = Math.Max(worstOther, Value(w));
            }
            var scale = b * LinearRademacher.Radius(x, d); // natural scale B·R: rounding errors are relative to it
            var excess = Math.Max(Math.Abs(attained - formula), worstOther - formula) / scale;
            return new CaseOutcome(attained, formula, excess,
                $"m={m} d={d} B={CaseOutcome.F(b)} {shape}: value at w* {CaseOutcome.F(attained)}, (B/m)‖v‖ {CaseOutcome.F(formula)}, best random w {CaseOutcome.F(worstOther)}");

            double Value(double[] ww)
            {
                var s = 0.0;
                for (var i = 0; i < m; i++)
                {
                    var dot = 0.0;
                    for (var j = 0; j < d; j++) dot += ww[j] * x[i * d + j];
                    s += signs[i] * dot;
                }
                return s / m;
            }
        });
    }
}
