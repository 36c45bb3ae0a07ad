using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>q_i &gt; 0 ⇔ sample i is classified correctly with a strict argmax: true by definition.</summary>
public sealed class MarginSignIsCorrectnessClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("margin-positive-iff-correct", ClaimKind.Definition)
    {
        Title = "A sample margin is positive exactly when the label is the unique argmax",
        Statement =
            "q = z_y − max_{j≠y} z_j > 0 ⇔ z_y > z_j for every j ≠ y; logits with many exact ties included (ties count as errors). " +
            "Measured: number of samples where the two disagree.",
        Source = "Margin definitions (docs/conventions.md) as used by Gao et al. 2023",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 10, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("maxSamples", 100, "largest number of samples N drawn", min: 1, max: 100000),
            ClaimParameter.Text("zeroMargin", "error", "how q = 0 (a tie) counts: error (the statement) or correct (deliberately false variant, falsifier)", "error", "correct"),
        ],
        Falsifiers =
        [
            Falsifier.Of("ties-count-as-correct", "q ≥ 0 instead of q > 0 (a tie counted as correct)", ("zeroMargin", "correct")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var maxN = p.Int("maxSamples");
        var tieCorrect = p.Text("zeroMargin") == "correct";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var n = 1 + rng.Next(maxN);
            var z = new double[k];
            var bad = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++) z[j] = rng.Next(4); // small integers: frequent ties
                var y = rng.Next(k);
                var strict = true;
                for (var j = 0; j < k; j++) if (j != y && !(z[y] > z[j])) strict = false;
                if ((tieCorrect ? SampleMargin.Of(z, y) >= 0 : SampleMargin.Of(z, y) > 0) != strict) bad++;
            }
            return CaseOutcome.Equal(bad, 0, $"K={k} N={n} integer logits");
        });
    }
}
