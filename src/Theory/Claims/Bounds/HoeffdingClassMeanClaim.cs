using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>The frequency of ‖μ̂ − μ‖ ≥ ε never exceeds 2d·exp(−nε²/(2d²ρ²)).</summary>
public sealed class HoeffdingClassMeanClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("hoeffding-class-mean", ClaimKind.Inequality)
    {
        Title = "Concentration of a class feature mean: P(‖μ̂ − μ‖ ≥ ε) ≤ 2d·exp(−nε²/(2d²ρ²))",
        Statement =
            "For n i.i.d. vectors in [−ρ, ρ]^d with mean 0 (independent uniform or ±ρ coordinates, or one shared sign ±ρ for " +
            "every coordinate, the extreme case where ‖·‖₂ = √d·max|·|): the Monte-Carlo frequency of ‖μ̂‖₂ ≥ ε over `trials` " +
            "draws is ≤ 2d·exp(−nε²/(2·d^dimPower·ρ²)) up to a binomial allowance (tail 1e-6). In 3 of 4 cases ε is the radius " +
            "ε(δ) = dρ√(2·log(2d/δ)/n) of a target δ ∈ [0.02, 0.95], so that the bound is informative (< 1); in the others " +
            "ε = c·ρ√(d/n), c ∈ [0.3, 5], the scale of ‖μ̂‖ itself (the bound then mostly ≥ 1). d is drawn log-uniformly. " +
            "Informative: bound < 1; tightness: frequency / bound. dimPower = 2 is the statement; dimPower = 0 (dropping the d² " +
            "of the union/norm step) is a deliberately false variant.",
        Source = "Gao et al. 2023, the inequality in the proof of Thm 4.10 as quoted by an ICLR reviewer; derivation [reconstructed] from Hoeffding 1963",
        References = ["gao2023", "gao2023reviews", "hoeffding1963"],
        Parameters =
        [
            ClaimParameter.Int("maxDim", 64, "largest dimension d drawn", min: 1, max: 10000),
            ClaimParameter.Int("maxSamples", 100, "largest number of samples n drawn", min: 1, max: 100000),
            ClaimParameter.Int("trials", 400, "Monte-Carlo draws per case", min: 1, max: 1000000),
            ClaimParameter.Real("dimPower", 2, "power of d in the exponent's denominator: 2 = the statement; 0 drops the d² of the union/norm step (deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("d-squared-dropped", "the exponent −nε²/(2ρ²) without the d² of the union/norm step", ("dimPower", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxD = p.Int("maxDim");
        var maxN = p.Int("maxSamples");
        var trials = p.Int("trials");
        var power = p.Real("dimPower");
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var d = Math.Min(maxD, (int)Math.Floor(ClaimRandom.LogUniform(rng, 1, maxD + 1)));
            var n = 1 + rng.Next(maxN);
            var rho = ClaimRandom.LogUniform(rng, 0.1, 10);
            var model = rng.Next(3); // 0 uniform, 1 independent ±ρ, 2 one shared sign ±ρ for all coordinates
            var informativeDraw = rng.Next(4) != 0;
            var eps = informativeDraw
                ? HoeffdingClassMean.Radius(n, ClaimRandom.LogUniform(rng, 0.02, 0.95), d, rho)
                : ClaimRandom.LogUniform(rng, 0.3, 5) * rho * Math.Sqrt((double)d / n);
            var bound = power == 2
                ? HoeffdingClassMean.Bound(n, eps, d, rho)
                : 2.0 * d * Math.Exp(-n * eps * eps / (2.0 * Math.Pow(d, power) * rho * rho));
            var hits = 0;
            var mean = new double[d];
            for (var t = 0; t < trials; t++)
            {
                Array.Clear(mean);
                for (var i = 0; i < n; i++)
                {
                    if (model == 2)
                    {
                        var v = rng.Next(2) == 0 ? -rho : rho;
                        for (var j = 0; j < d; j++) mean[j] += v;
                        continue;
                    }
                    for (var j = 0; j < d; j++)
                        mean[j] += model == 1 ? (rng.Next(2) == 0 ? -rho : rho) : ClaimRandom.Uniform(rng, -rho, rho);
                }
                var s = 0.0;
                for (var j = 0; j < d; j++) { var v = mean[j] / n; s += v * v; }
                if (Math.Sqrt(s) >= eps) hits++;
            }
            var allowance = ClaimRandom.BinomialAllowance(trials, Math.Min(1, bound));
            var freq = (double)hits / trials;
            // Vacuous bounds (≥ 1) cannot fail; rank them below every informative case when choosing the worst case.
            var excess = bound >= 1 ? freq - bound : freq - (double)allowance / trials;
            return new CaseOutcome(freq, bound, excess,
                $"d={d} n={n} ρ={CaseOutcome.F(rho)} ε={CaseOutcome.F(eps)} {Models[model]} coordinates: {hits}/{trials} draws with ‖μ̂−μ‖ ≥ ε, " +
                $"bound {CaseOutcome.F(bound)} (allowance {allowance}/{trials}, ratio bound/frequency {CaseOutcome.F(SlackReport.RatioOf(bound, freq))})")
            {
                Tightness = freq / bound,
                Informative = bound < 1,
            };
        });
    }

    private static readonly string[] Models = ["uniform", "independent ±ρ", "shared-sign ±ρ"];
}
