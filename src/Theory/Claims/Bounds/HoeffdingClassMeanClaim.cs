using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>Paper-notes P5: the frequency of ‖μ̂ − μ‖ ≥ ε never exceeds 2d·exp(−nε²/(2d²ρ²)).</summary>
public sealed class HoeffdingClassMeanClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "hoeffding-class-mean";
    /// <inheritdoc />
    public override string Title => "Concentration of a class feature mean: P(‖μ̂ − μ‖ ≥ ε) ≤ 2d·exp(−nε²/(2d²ρ²))";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 (arXiv 2310.08358) proof of Thm 4.10 (quoted by reviewer R4) [R: paper-notes P5]";
    /// <inheritdoc />
    public override string Statement =>
        "For n i.i.d. vectors in [−ρ, ρ]^d (uniform or ±ρ coordinates, mean 0): the Monte-Carlo frequency of ‖μ̂‖₂ ≥ ε " +
        "over `trials` draws is ≤ 2d·exp(−nε²/(2·d^dimPower·ρ²)) up to a binomial allowance (tail 1e-6). dimPower = 2 is the " +
        "statement; dimPower = 0 (dropping the d² of the union/norm step) is a deliberately false variant.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        Params(("maxDim", 64), ("maxSamples", 100), ("trials", 400), ("dimPower", 2));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxD = context.GetInt(this, "maxDim");
        var maxN = context.GetInt(this, "maxSamples");
        var trials = context.GetInt(this, "trials");
        var power = context.GetDouble(this, "dimPower");
        if (maxD < 1 || maxN < 1 || trials < 1) throw new InputException("--param maxDim, maxSamples, trials must be >= 1");
        return RunCases(context, 0, seed =>
        {
            var rng = new Random(seed);
            var d = 1 + rng.Next(maxD);
            var n = 1 + rng.Next(maxN);
            var rho = ClaimRandom.LogUniform(rng, 0.1, 10);
            var signs = rng.Next(2) == 0;
            var eps = ClaimRandom.LogUniform(rng, 0.3, 5) * rho * Math.Sqrt((double)d / n);
            var bound = power == 2
                ? HoeffdingClassMean.Bound(n, eps, d, rho)
                : 2.0 * d * Math.Exp(-n * eps * eps / (2.0 * Math.Pow(d, power) * rho * rho));
            var hits = 0;
            var mean = new double[d];
            for (var t = 0; t < trials; t++)
            {
                Array.Clear(mean);
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < d; j++)
                        mean[j] += signs ? (rng.Next(2) == 0 ? -rho : rho) : ClaimRandom.Uniform(rng, -rho, rho);
                var s = 0.0;
                for (var j = 0; j < d; j++) { var v = mean[j] / n; s += v * v; }
                if (Math.Sqrt(s) >= eps) hits++;
            }
            var allowance = ClaimRandom.BinomialAllowance(trials, Math.Min(1, bound));
            var freq = (double)hits / trials;
            // Vacuous bounds (≥ 1) cannot fail; rank them below every informative case when choosing the worst case.
            var excess = bound >= 1 ? freq - bound : freq - (double)allowance / trials;
            return new CaseOutcome(freq, bound, excess,
                $"d={d} n={n} ρ={CaseOutcome.F(rho)} ε={CaseOutcome.F(eps)} {(signs ? "±ρ" : "uniform")} coordinates: {hits}/{trials} draws with ‖μ̂−μ‖ ≥ ε, " +
                $"bound {CaseOutcome.F(bound)} (allowance {allowance}/{trials}, ratio bound/frequency {CaseOutcome.F(SlackReport.RatioOf(bound, freq))})");
        });
    }
}
