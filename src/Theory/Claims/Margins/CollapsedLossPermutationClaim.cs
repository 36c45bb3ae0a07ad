using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims.Margins;

/// <summary>At exact collapse the training loss and margins are the same for every permutation and rotation.</summary>
public sealed class CollapsedLossPermutationClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("collapsed-train-loss-alignment-invariant", ClaimKind.Identity)
    {
        Title = "At exact collapse every label permutation / rotation has the same CE and margins",
        Statement =
            "With W' = π(W Rᵀ) (W a unit simplex ETF, R orthogonal, π a permutation) and features h_i = c·w'_{y_i}: CE = " +
            "log(1 + (K−1)e^{−cK/(K−1)}) and every sample and class-pair margin equals cK/(K−1), for every π and R " +
            "(so the training side cannot tell alignments apart). Measured: largest relative deviation (log CE and margins).",
        Source = "[reconstructed] Gao et al. 2023, abstract (\"similar optimization performance on train set\")",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 10, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("perClass", 3, "samples per class", min: 1, max: 10000),
            ClaimParameter.Text("features", "on-classifier", "where the collapsed features sit: on-classifier, h_i = c·w'_{y_i} (the statement), or on-unpermuted-etf, on the ETF "
                + "before π and R (broken input, falsifier)", "on-classifier", "on-unpermuted-etf"),
        ],
        Falsifiers =
        [
            Falsifier.Of("features-off-the-permuted-classifier", "features collapsed on the un-permuted, un-rotated ETF while the classifier is π(W Rᵀ)", ("features", "on-unpermuted-etf")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var per = p.Int("perClass");
        var unpermuted = p.Text("features") == "on-unpermuted-etf";
        return RunCases(p, context, 1e-10, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(4);
            var c = ClaimRandom.LogUniform(rng, 0.1, 1e3);
            var pi = Permutations.Random(k, rng.Next());
            var w0 = SimplexEtf.Rotate(SimplexEtf.Random(k, d, rng.Next()), RandomOrthogonal.Haar(d, rng));
            var w = SimplexEtf.Permute(w0, pi);
            var h = unpermuted ? w0 : w;
            var n = k * per;
            var x = new double[n * d];
            var y = new int[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = i % k;
                for (var j = 0; j < d; j++) x[i * d + j] = c * h[y[i], j];
            }
            var rep = NcMetrics.Compute(x, y, k, d, new Classifier(w));
            var margin = c * k / (k - 1.0);
            var logCe = LogSumExp.LogSoftplus(Math.Log(k - 1) - margin);
            var err = Math.Abs(rep.LogCe!.Value - logCe) / Math.Max(1, Math.Abs(logCe));
            var m = rep.Margins!;
            err = Math.Max(err, Math.Abs(m.MinMargin - margin) / margin);
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++)
                    if (a != b) err = Math.Max(err, Math.Abs(m.ClassPair[a, b] - margin) / margin);
            return CaseOutcome.Equal(err, 0, $"K={k} d={d} c={CaseOutcome.F(c)} π=[{string.Join(",", pi)}]: log CE {CaseOutcome.F(rep.LogCe.Value)} vs {CaseOutcome.F(logCe)}, "
                + $"p_min {CaseOutcome.F(m.MinMargin)} vs {CaseOutcome.F(margin)}");
        });
    }
}
