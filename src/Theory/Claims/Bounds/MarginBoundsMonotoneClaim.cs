using Collapse.Theory.Bounds;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Every margin bound decreases as m or δ grows and as γ grows (at fixed empirical risk).</summary>
public sealed class MarginBoundsMonotoneClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-bounds-monotone", ClaimKind.Inequality)
    {
        Title = "Margin bounds shrink with more samples, larger δ and larger γ",
        Statement =
            "With 𝔑 = B·R/√m and fixed empirical margin risk: the fixed-margin (Thm 9.2, both forms), uniform-margin and " +
            "class-pair bounds are non-increasing in m, in δ and in γ (≤ r). Measured: the largest relative increase found " +
            "when one of m, δ, γ is increased. Informative: the same comparisons with a complexity growing like √m show an increase (the false input is refuted on the case); tightness: 1 + "
                + "the largest relative change (the ratio after/before of the least-decreasing comparison).",
        Source = "Mohri et al. 2018, Foundations of Machine Learning, 2nd ed., Thm 9.2 and Thm 5.9; class-pair variant [reconstructed]",
        References = ["mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 10, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("complexityPower", -0.5, "the complexity 𝔑 = B·R·m^complexityPower: −0.5 = the statement (B·R/√m); +0.5, a complexity growing with m, is a "
                + "deliberately false input (falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("complexity-growing-with-m", "a Rademacher complexity growing like √m instead of falling like 1/√m", ("complexityPower", "0.5")),
        ],
    };

    /// <summary>The complexity exponent of the false input (a complexity growing like √m).</summary>
    private const double FalsePower = 0.5;

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var power = p.Real("complexityPower");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var br = ClaimRandom.LogUniform(rng, 1e-2, 1e2);
            var r = ClaimRandom.LogUniform(rng, 1e-1, 1e2);
            var risk = rng.NextDouble() * 0.5;
            var m = (int)ClaimRandom.LogUniform(rng, 2, 1e5);
            var delta = ClaimRandom.LogUniform(rng, 1e-6, 0.5);
            var gamma = r * ClaimRandom.LogUniform(rng, 1e-4, 1);
            var gammaMatrix = Matrix<double>.Build.Dense(k, k, (a, b) => a == b ? 0 : r * ClaimRandom.LogUniform(rng, 1e-3, 1));
            var m2 = m + 1 + (int)(m * rng.NextDouble() * 3);
            var delta2 = Math.Min(0.999, delta * ClaimRandom.LogUniform(rng, 1, 100));
            var gamma2 = Math.Min(r, gamma * ClaimRandom.LogUniform(rng, 1, 100));
            var gf = ClaimRandom.LogUniform(rng, 1, 100);

            (double Worst, string Where) Survey(double power)
            {
                double Rad(int mm) => power == -0.5 ? br / Math.Sqrt(mm) : br * Math.Pow(mm, power);
                double worst = double.NegativeInfinity;
                string where = "";
                void Compare(string name, double before, double after)
                {
                    var rel = (after - before) / Math.Abs(before);
                    if (rel > worst) { worst = rel; where = $"{name}: {CaseOutcome.F(before)} → {CaseOutcome.F(after)}"; }
                }
                double Fixed(int mm, double dd, double gg) => MulticlassMarginBound.Evaluate(risk, k, gg, Rad(mm), mm, dd).Value;
                double FixedEmp(int mm, double dd, double gg) => MulticlassMarginBound.EvaluateEmpirical(risk, k, gg, Rad(mm), mm, dd).Value;
                double Uniform(int mm, double dd, double gg) => UniformMarginBound.Evaluate(risk, k, gg, Rad(mm), mm, dd, r).Value;
                double Pair(int mm, double dd, double f)
                {
                    var counts = Enumerable.Repeat(mm, k).ToArray();
                    var rad = Enumerable.Repeat(Rad(mm), k).ToArray();
                    var priors = Enumerable.Repeat(1.0 / k, k).ToArray();
                    var g = gammaMatrix.Map(v => Math.Min(r, v * f));
                    return ClassPairMarginBound.Evaluate(g, rad, counts, priors, r, dd).Value;
                }
                foreach (var (name, f) in new (string, Func<int, double, double, double>)[] { ("fixed", Fixed), ("fixedEmpirical", FixedEmp), ("uniform", Uniform) })
                {
                    Compare($"{name} m {m}→{m2}", f(m, delta, gamma), f(m2, delta, gamma));
                    Compare($"{name} δ {CaseOutcome.F(delta)}→{CaseOutcome.F(delta2)}", f(m, delta, gamma), f(m, delta2, gamma));
                    Compare($"{name} γ {CaseOutcome.F(gamma)}→{CaseOutcome.F(gamma2)}", f(m, delta, gamma), f(m, delta, gamma2));
                }
                Compare($"classPair m {m}→{m2}", Pair(m, delta, 1), Pair(m2, delta, 1));
                Compare($"classPair δ {CaseOutcome.F(delta)}→{CaseOutcome.F(delta2)}", Pair(m, delta, 1), Pair(m, delta2, 1));
                Compare($"classPair γ×{CaseOutcome.F(gf)}", Pair(m, delta, 1), Pair(m, delta, gf));
                return (worst, where);
            }
            var (worstChange, whereChange) = Survey(power);
            var falseVariant = power == FalsePower ? worstChange : Survey(FalsePower).Worst;
            return new CaseOutcome(worstChange, 0, worstChange, $"K={k} 𝔑·√m={CaseOutcome.F(br)} r={CaseOutcome.F(r)}; largest relative change {whereChange}")
            {
                Tightness = 1 + worstChange,
                Informative = falseVariant > 1e-12,
            };
        });
    }
}
