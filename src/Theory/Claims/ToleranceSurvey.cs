using System.Diagnostics;

namespace Collapse.Theory.Claims;

/// <summary>
/// Measures a claim's tolerance against its variability: runs the claim's own check over many base seeds (the same
/// cases and parameters each time) and records, per seed, the worst excess (<see cref="ExcessOf"/>) next to the
/// tolerance, so that a tolerance can be set from the worst of ≥ 10 seeds with ≥ 3× headroom instead of from the last
/// run's value. Used by <c>collapse bench claims</c> (docs/tolerances.md).
/// </summary>
public static class ToleranceSurvey
{
    /// <summary>
    /// Runs <paramref name="claim"/> once per seed of <paramref name="seeds"/> with <paramref name="cases"/> random
    /// cases and the parameter <paramref name="overrides"/>. Bad parameters throw <see cref="InputException"/> before
    /// anything runs; a check that throws otherwise is recorded as an Inconclusive run carrying the message.
    /// </summary>
    public static ToleranceSurveyRow Run(IClaim claim, IReadOnlyList<int> seeds, int cases, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(seeds);
        if (cases < 1) throw new InputException($"--cases {cases}: must be at least 1");
        var parameters = overrides ?? new Dictionary<string, string>();
        ClaimParameters.Resolve(claim, new ClaimContext(parameters, cases, seeds.Count > 0 ? seeds[0] : 1));
        var runs = new List<ToleranceSeedRun>(seeds.Count);
        foreach (var seed in seeds)
        {
            var clock = Stopwatch.StartNew();
            ClaimResult result;
            try { result = claim.CheckWithEvidence(new ClaimContext(parameters, cases, seed)).Result; }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                runs.Add(new ToleranceSeedRun(seed, Verdict.Inconclusive, double.NaN, double.NaN, double.NaN, double.NaN,
                    clock.Elapsed.TotalSeconds, $"the check threw {ex.GetType().Name}: {ex.Message}"));
                continue;
            }
            runs.Add(new ToleranceSeedRun(seed, result.Verdict, ExcessOf(result, claim.Info.Kind), result.Tolerance,
                result.Cases?.InformativeFraction ?? double.NaN, result.Cases?.MedianSlack ?? double.NaN,
                clock.Elapsed.TotalSeconds, result.Detail));
        }
        return new ToleranceSurveyRow(claim.Info.Id, claim.Info.Kind, cases, runs);
    }

    /// <summary>
    /// The worst excess of a result, in the units its tolerance is compared with: <see cref="CaseStatistics.WorstExcess"/>
    /// when the check reports it (every <see cref="TheoryClaim"/> does), otherwise |Measured − Expected| for an identity
    /// and Measured − Expected for every other kind (the convention Measured ≤ Expected + tolerance).
    /// </summary>
    public static double ExcessOf(ClaimResult result, ClaimKind kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Cases is { WorstExcess: var w } && !double.IsNaN(w)) return w;
        var d = result.Measured - result.Expected;
        if (result.Measured == result.Expected) d = 0; // also ±∞ == ±∞
        return kind == ClaimKind.Identity ? Math.Abs(d) : d;
    }
}
