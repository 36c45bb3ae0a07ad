using Collapse.Theory.Margins;

namespace Collapse.Theory.Claims.Margins;

/// <summary>Paper-notes P9: q_i &gt; 0 ⇔ sample i is classified correctly with a strict argmax.</summary>
public sealed class MarginSignIsCorrectnessClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "margin-positive-iff-correct";
    /// <inheritdoc />
    public override string Title => "A sample margin is positive exactly when the label is the unique argmax";
    /// <inheritdoc />
    public override string Source => "Gao et al. 2023 margin definitions; paper-notes P9 [R]; docs/conventions.md";
    /// <inheritdoc />
    public override string Statement =>
        "q = z_y − max_{j≠y} z_j > 0 ⇔ z_y > z_j for every j ≠ y; logits with many exact ties included (ties count as errors). " +
        "Measured: number of samples where the two disagree.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 10), ("maxSamples", 100));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        var maxN = context.GetInt(this, "maxSamples");
        if (maxK < 2 || maxN < 1) throw new InputException("--param maxClasses >= 2 and maxSamples >= 1 required");
        return RunCases(context, 0, seed =>
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
                if ((SampleMargin.Of(z, y) > 0) != strict) bad++;
            }
            return CaseOutcome.Equal(bad, 0, $"K={k} N={n} integer logits");
        });
    }
}
