namespace Collapse.Theory.Claims;

/// <summary>
/// Base class of the Theory claims: <see cref="RunCases"/> checks random instances case by case (case i uses
/// <see cref="ClaimContext.CaseSeed"/>(i)), stops at the first falsifying case and otherwise reports the worst case,
/// with <see cref="CaseStatistics"/>. Convention: non-identity claims are stated as Measured ≤ Expected.
/// </summary>
public abstract class TheoryClaim : Claim
{
    /// <summary>
    /// Runs <paramref name="check"/> on <see cref="ClaimContext.Cases"/> instances. A case whose excess exceeds
    /// <paramref name="tolerance"/> falsifies the claim (verdict Fails, seed = that case's seed); otherwise the worst
    /// case is reported. If every case is skipped the verdict is Inconclusive. A case whose instance cannot be
    /// evaluated (the check throws <see cref="InputException"/>, e.g. an SVM that cannot be certified in float64) makes
    /// the verdict Inconclusive with the reason, unless a later case falsifies the claim.
    /// </summary>
    protected ClaimResult RunCases(ClaimParameters parameters, ClaimContext context, double tolerance, Func<int, CaseOutcome> check)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(check);
        var values = parameters.AsStrings();
        var id = Info.Id;
        CaseOutcome? worst = null;
        var worstSeed = context.CaseSeed(0);
        var skipped = 0;
        string? skipReason = null;
        string? unevaluated = null;
        var outcomes = new List<CaseOutcome>(context.Cases);
        for (var i = 0; i < context.Cases; i++)
        {
            var seed = context.CaseSeed(i);
            CaseOutcome o;
            try { o = check(seed); }
            catch (InputException ex)
            {
                unevaluated ??= $"case {i} of {context.Cases} (seed {seed}) could not be evaluated: {ex.Message}";
                continue;
            }
            if (o.Skipped) { skipped++; skipReason ??= o.Instance; continue; }
            outcomes.Add(o);
            if (!(o.Excess <= tolerance))
                return new ClaimResult(id, values, o.Measured, o.Expected, tolerance, Verdict.Fails, seed,
                    $"case {i} of {context.Cases} (seed {seed}) falsifies the claim: {o.Instance}; measured {CaseOutcome.F(o.Measured)} vs expected {CaseOutcome.F(o.Expected)}, "
                        + $"excess {CaseOutcome.F(o.Excess)} > tolerance {CaseOutcome.F(tolerance)}")
                { Cases = Statistics(outcomes, skipped, tolerance) };
            if (worst is null || o.Excess > worst.Excess) { worst = o; worstSeed = seed; }
        }
        var stats = Statistics(outcomes, skipped, tolerance);
        var skipNote = skipped > 0 ? $"; {skipped} case(s) skipped ({skipReason})" : "";
        if (unevaluated is not null)
            return new ClaimResult(id, values, worst?.Measured ?? double.NaN, worst?.Expected ?? double.NaN, tolerance, Verdict.Inconclusive,
                worst is null ? context.CaseSeed(0) : worstSeed, unevaluated + (worst is null ? "" : $"; no case falsifies the claim") + skipNote)
            { Cases = stats };
        if (worst is null)
            return new ClaimResult(id, values, double.NaN, double.NaN, tolerance, Verdict.Inconclusive, context.CaseSeed(0),
                $"all {context.Cases} cases skipped{skipNote}")
            { Cases = stats };
        return new ClaimResult(id, values, worst.Measured, worst.Expected, tolerance, Verdict.Holds, worstSeed,
            $"holds on {context.Cases - skipped} cases; worst case (seed {worstSeed}): {worst.Instance}; measured {CaseOutcome.F(worst.Measured)} vs expected "
                + $"{CaseOutcome.F(worst.Expected)}, excess {CaseOutcome.F(worst.Excess)}{skipNote}")
        { Cases = stats };
    }

    /// <summary>
    /// Builds a single aggregate result (for frequency claims whose cases are the trials of one experiment), with the
    /// experiment's own <paramref name="statistics"/> when it has them.
    /// </summary>
    protected ClaimResult Aggregate(ClaimParameters parameters, ClaimContext context, CaseOutcome outcome, double tolerance, CaseStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        var holds = outcome.Excess <= tolerance;
        return new ClaimResult(Info.Id, parameters.AsStrings(), outcome.Measured, outcome.Expected, tolerance, holds ? Verdict.Holds : Verdict.Fails, context.Seed,
            (holds ? "holds: " : $"falsified (replay with --seed {context.Seed} --cases {context.Cases}): ") + outcome.Instance)
        { Cases = statistics is null ? null : statistics with { WorstExcess = outcome.Excess } };
    }

    private CaseStatistics Statistics(List<CaseOutcome> outcomes, int skipped, double tolerance)
    {
        var worst = outcomes.Count == 0 ? double.NaN : outcomes.Max(o => o.Excess);
        if (Info.Kind is ClaimKind.Identity or ClaimKind.Definition)
            return new CaseStatistics(outcomes.Count, skipped, null, double.NaN, double.NaN) { WorstExcess = worst };
        int? informative = outcomes.Any(o => o.Informative is not null) ? outcomes.Count(o => o.Informative == true) : null;
        return new CaseStatistics(outcomes.Count, skipped, informative,
            CaseStatistics.Median(outcomes.Select(o => o.Tightness)), CaseStatistics.Median(outcomes.Select(o => tolerance - o.Excess)))
        { WorstExcess = worst };
    }
}
