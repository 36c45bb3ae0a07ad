using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Does collapse on held-out data follow collapse on the train set? (Hui, Belkin, Nakkiran 2022, "Limitations of neural
/// collapse for understanding generalization in deep learning": neural collapse occurs on the train set but not on the
/// test set.) Over the seeds that reached the terminal phase and whose train nc1 fell at least <see cref="MinimumTrainFall"/>-fold, the mean transfer τ
/// (<see cref="TestCollapseSummary.Transfer"/>) with its 95% Student-t interval: the statement (no test collapse) holds
/// when the upper end is below <see cref="FollowThreshold"/> (the held-out features follow less than half of the train
/// collapse, in decades), fails when the lower end is above it (test collapse follows train collapse), and is
/// inconclusive otherwise, or with fewer than 2 such seeds.
/// </summary>
public static class TestCollapseVerdict
{
    /// <summary>τ that separates "follows" from "does not follow": half the train collapse, in decades.</summary>
    public const double FollowThreshold = 0.5;

    /// <summary>The train nc1 must fall at least this much after t₀ for a seed to count (otherwise there is no train collapse to follow).</summary>
    public const double MinimumTrainFall = 1.25;

    /// <summary>The verdict (measured = mean τ, expected = the threshold, tolerance = the interval's half width).</summary>
    /// <param name="claimId">Id of the claim.</param>
    /// <param name="runs">Per-seed summaries from the TPT start (seeds that never reached it are left out).</param>
    /// <param name="parameters">Echoed into the result.</param>
    /// <param name="seed">First seed.</param>
    /// <param name="missing">Seeds without a summary (never at 100% train accuracy), named in the detail.</param>
    public static ClaimResult Judge(string claimId, IReadOnlyList<TestCollapseSummary> runs, IReadOnlyDictionary<string, string> parameters, int seed,
        IReadOnlyList<int>? missing = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var counted = runs.Where(r => r.TrainFall >= MinimumTrainFall && double.IsFinite(r.Transfer)).ToList();
        var tau = MeanWithUncertainty.Of(counted.Select(r => r.Transfer).ToList());
        var verdict = counted.Count < 2 ? Verdict.Inconclusive
            : tau.Upper < FollowThreshold ? Verdict.Holds
            : tau.Lower > FollowThreshold ? Verdict.Fails
            : Verdict.Inconclusive;
        var outcome = verdict switch
        {
            Verdict.Holds => "collapse on the test data does NOT follow train collapse",
            Verdict.Fails => "collapse on the test data follows train collapse",
            _ => counted.Count < 2 ? $"only {counted.Count} seed(s) in the terminal phase with a ≥ {F(MinimumTrainFall)}-fold train nc1 fall" : "undecided within the seed noise",
        };
        var perSeed = string.Join("; ", runs.Select(r =>
            $"seed {r.Seed}: train nc1 {F(r.TrainFirst)} → {F(r.TrainLast)} ({F(r.TrainFall)}×), test nc1 about the train means {F(r.HeldOutFirst)} → {F(r.HeldOutLast)} "
            + $"({F(r.HeldOutFall)}×), τ = {F(r.Transfer)}, last-epoch test/train nc1 {F(r.FinalGap)}, cdnv {F(r.TrainCdnvLast)} vs {F(r.HeldOutCdnvLast)} (epochs t₀ = {r.FirstEpoch}…{r.LastEpoch})"));
        var never = missing is { Count: > 0 } ? $"; seeds {string.Join(", ", missing)} never reached 100% train accuracy" : "";
        var detail = $"{outcome}: mean τ = {F(tau.Mean)} (95% CI [{F(tau.Lower)}, {F(tau.Upper)}], {counted.Count} of {runs.Count} seeds counted; threshold {F(FollowThreshold)}{never}). {perSeed}";
        return new ClaimResult(claimId, parameters, tau.Mean, FollowThreshold, double.IsNaN(tau.Upper) ? double.NaN : tau.Upper - tau.Mean, verdict, seed, detail);
    }

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("G3", CultureInfo.InvariantCulture);
}
