using Collapse.Theory.Loss;
using Collapse.Theory.Margins;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Per-sample CE sandwich log(1 + e^{−q}) ≤ ℓ ≤ log(1 + (K−1)e^{−q}).</summary>
public sealed class CeSandwichClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-margin-sandwich", ClaimKind.Inequality)
    {
        Title = "Per-sample CE is sandwiched by the margin: log(1+e^{−q}) ≤ ℓ ≤ log(1+(K−1)e^{−q})",
        Statement =
            "For logits z, label y, q = z_y − max_{j≠y} z_j: log(1 + e^{−q}) ≤ CE(z, y) ≤ log(1 + (K−1)e^{−q}), compared in the log " +
            "domain (log ℓ from CrossEntropy.LogSample) so that margins up to ~1e3 (ℓ ≈ e^{−1000}) are checked. Measured: the " +
            "largest violation of either side, relative to max(1, |log ℓ|). Informative: some sample's log ℓ lies below " +
            "log(1 + (K−1)e^{−q}) by more than the tolerance, so the false lower side with K−1 competitors would be refuted; " +
            "tightness: max_i ℓ_i / log(1 + (K−1)e^{−q_i}) (1 when every competitor ties).",
        Source = "[reconstructed] quantitative form of the CE–margin link of Gao et al. 2023 (the reviews' Thm 4.1: L̄ → 0 ⇒ p_min → ∞)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 50, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Text("lowerCount", "1", "competitors counted on the lower side: 1, log(1 + e^{−q}) (the statement), or K-1, log(1 + (K−1)e^{−q}) (deliberately false variant, falsifier)", "1", "K-1"),
        ],
        Falsifiers =
        [
            Falsifier.Of("lower-side-with-k-minus-1", "the lower side log(1+(K−1)e^{−q}) instead of log(1+e^{−q})", ("lowerCount", "K-1")),
        ],
    };

    /// <summary>Relative tolerance of either side (log domain, relative to max(1, |log ℓ|)).</summary>
    private const double Tolerance = 1e-12;

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var lowerAll = p.Text("lowerCount") == "K-1";
        return RunCases(p, context, Tolerance, seed =>
        {
            var rng = new Random(seed);
            var (z, y, k, n, shape) = MarginInstances.Draw(rng, maxK, maxN, separable: rng.Next(2) == 0);
            var worst = double.NegativeInfinity;
            var where = "";
            var informative = false;
            var tightness = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                var zi = z.AsSpan(i * k, k);
                var q = SampleMargin.Of(zi, y[i]);
                var logL = CrossEntropy.LogSample(zi, y[i]);
                var lower = LogSumExp.LogSoftplus(lowerAll ? Math.Log(k - 1) - q : -q);
                var upper = LogSumExp.LogSoftplus(Math.Log(k - 1) - q);
                var scale = Math.Max(1, Math.Abs(logL));
                var e = Math.Max(lower - logL, logL - upper) / scale;
                informative |= (upper - logL) / scale > Tolerance;
                tightness = Math.Max(tightness, Math.Exp(logL - upper));
                if (e > worst) { worst = e; where = $"sample {i}: q={CaseOutcome.F(q)}, log ℓ={CaseOutcome.F(logL)} in [{CaseOutcome.F(lower)}, {CaseOutcome.F(upper)}]"; }
            }
            return new CaseOutcome(worst, 0, worst, $"{shape}; {where}") { Tightness = tightness, Informative = informative };
        });
    }
}
