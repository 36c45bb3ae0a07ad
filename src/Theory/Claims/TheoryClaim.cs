using System.Globalization;

namespace Collapse.Theory.Claims;

/// <summary>
/// Base class of the Theory claims: metadata as abstract members, and <see cref="RunCases"/>, which checks random
/// instances case by case (case i uses <see cref="ClaimContext.CaseSeed"/>(i)), stops at the first falsifying case and
/// otherwise reports the worst case. Convention: non-identity claims are stated as Measured ≤ Expected.
/// </summary>
public abstract class TheoryClaim : IClaim
{
    /// <inheritdoc />
    public abstract string Id { get; }
    /// <inheritdoc />
    public abstract string Title { get; }
    /// <inheritdoc />
    public abstract string Source { get; }
    /// <inheritdoc />
    public abstract string Statement { get; }
    /// <inheritdoc />
    public abstract ClaimKind Kind { get; }
    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, string> DefaultParameters { get; }

    /// <inheritdoc />
    public abstract ClaimResult Check(ClaimContext context);

    /// <summary>Shorthand for a parameter dictionary.</summary>
    protected static IReadOnlyDictionary<string, string> Params(params (string Name, object Value)[] ps)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ps) d[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return d;
    }

    /// <summary>Effective parameters (defaults overridden by the context); rejects unknown names and bad case counts.</summary>
    protected IReadOnlyDictionary<string, string> Effective(ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Cases < 1) throw new InputException($"--cases {context.Cases}: must be >= 1");
        var d = new Dictionary<string, string>(DefaultParameters, StringComparer.Ordinal);
        foreach (var (k, v) in context.Parameters)
        {
            if (!d.ContainsKey(k))
                throw new InputException($"--param {k}: claim '{Id}' has no parameter '{k}' (known: {(d.Count == 0 ? "none" : string.Join(", ", d.Keys))})");
            d[k] = v;
        }
        return d;
    }

    /// <summary>
    /// Runs <paramref name="check"/> on <see cref="ClaimContext.Cases"/> instances. A case whose excess exceeds
    /// <paramref name="tolerance"/> falsifies the claim (verdict Fails, seed = that case's seed); otherwise the worst
    /// case is reported. If every case is skipped the verdict is Inconclusive.
    /// </summary>
    protected ClaimResult RunCases(ClaimContext context, double tolerance, Func<int, CaseOutcome> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var parameters = Effective(context);
        CaseOutcome? worst = null;
        var worstSeed = context.CaseSeed(0);
        var skipped = 0;
        string? skipReason = null;
        for (var i = 0; i < context.Cases; i++)
        {
            var seed = context.CaseSeed(i);
            var o = check(seed);
            if (o.Skipped) { skipped++; skipReason ??= o.Instance; continue; }
            if (!(o.Excess <= tolerance))
                return new ClaimResult(Id, parameters, o.Measured, o.Expected, tolerance, Verdict.Fails, seed,
                    $"case {i} of {context.Cases} (seed {seed}) falsifies the claim: {o.Instance}; measured {CaseOutcome.F(o.Measured)} vs expected {CaseOutcome.F(o.Expected)}, excess {CaseOutcome.F(o.Excess)} > tolerance {CaseOutcome.F(tolerance)}");
            if (worst is null || o.Excess > worst.Excess) { worst = o; worstSeed = seed; }
        }
        var skipNote = skipped > 0 ? $"; {skipped} case(s) skipped ({skipReason})" : "";
        if (worst is null)
            return new ClaimResult(Id, parameters, double.NaN, double.NaN, tolerance, Verdict.Inconclusive, context.CaseSeed(0),
                $"all {context.Cases} cases skipped{skipNote}");
        return new ClaimResult(Id, parameters, worst.Measured, worst.Expected, tolerance, Verdict.Holds, worstSeed,
            $"holds on {context.Cases - skipped} cases; worst case (seed {worstSeed}): {worst.Instance}; measured {CaseOutcome.F(worst.Measured)} vs expected {CaseOutcome.F(worst.Expected)}, excess {CaseOutcome.F(worst.Excess)}{skipNote}");
    }

    /// <summary>Builds a single aggregate result (for frequency claims whose cases are the trials of one experiment).</summary>
    protected ClaimResult Aggregate(ClaimContext context, CaseOutcome outcome, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var parameters = Effective(context);
        var holds = outcome.Excess <= tolerance;
        return new ClaimResult(Id, parameters, outcome.Measured, outcome.Expected, tolerance, holds ? Verdict.Holds : Verdict.Fails, context.Seed,
            (holds ? "holds: " : $"falsified (replay with --seed {context.Seed} --cases {context.Cases}): ") + outcome.Instance);
    }
}
