using System.Globalization;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Verdict of the TPT claims over seeds: (1) test accuracy keeps improving after train accuracy reaches 100%
/// (Papyan, Han, Donoho 2020; the phenomenon Gao et al. 2023, arXiv 2310.08358, Cor. 4.5 sets out to explain),
/// and (2) the minimal train margin p_min grows in TPT (Gao et al. 2023, Thm 4.1 [V-review]).
/// A claim holds when the lower end of the 95% Student-t interval of the mean change over seeds is above 0, fails
/// when the upper end is below 0, and is inconclusive otherwise (also with fewer than 2 seeds that reached TPT).
/// </summary>
/// <param name="Runs">Per-seed summaries.</param>
/// <param name="TestAccuracyGain">Mean test-accuracy gain after t₀ over the seeds that reached TPT.</param>
/// <param name="MinMarginGrowth">Mean p_min growth over the same seeds.</param>
/// <param name="NormalizedMarginGrowth">Mean growth of the normalised margin over the same seeds.</param>
/// <param name="AccuracyClaim">Claim result for the test-accuracy gain.</param>
/// <param name="MarginClaim">Claim result for the margin growth.</param>
public sealed record TptVerdict(
    IReadOnlyList<TptRunSummary> Runs,
    MeanWithUncertainty TestAccuracyGain,
    MeanWithUncertainty MinMarginGrowth,
    MeanWithUncertainty NormalizedMarginGrowth,
    ClaimResult AccuracyClaim,
    ClaimResult MarginClaim)
{
    /// <summary>Claim id of the test-accuracy gain.</summary>
    public const string AccuracyClaimId = "tpt-test-accuracy-gain";

    /// <summary>Claim id of the margin growth.</summary>
    public const string MarginClaimId = "tpt-margin-growth";

    /// <summary>Judges the runs of one experiment; <paramref name="parameters"/> are echoed into the claim results.</summary>
    public static TptVerdict Judge(IReadOnlyList<TptRunSummary> runs, IReadOnlyDictionary<string, string> parameters)
    {
        var inTpt = runs.Where(r => r.TptStartEpoch is not null && r.EpochsInTpt > 0).ToList();
        var gain = MeanWithUncertainty.Of(inTpt.Select(r => r.TestAccuracyGain).ToList());
        var margin = MeanWithUncertainty.Of(inTpt.Select(r => r.MinMarginGrowth).ToList());
        var normalized = MeanWithUncertainty.Of(inTpt.Select(r => r.NormalizedMarginGrowth).ToList());
        var seed = runs.Count > 0 ? runs[0].Seed : 0;
        var reached = $"{inTpt.Count}/{runs.Count} seeds reached 100% train accuracy with epochs left";
        var accuracy = Claim(AccuracyClaimId, gain, parameters, seed,
            $"test accuracy after the TPT start: mean gain {F(gain.Mean)} (95% CI [{F(gain.Lower)}, {F(gain.Upper)}], sd {F(gain.StandardDeviation)}); {reached}");
        var marginClaim = Claim(MarginClaimId, margin, parameters, seed,
            $"train p_min after the TPT start: mean growth {F(margin.Mean)} (95% CI [{F(margin.Lower)}, {F(margin.Upper)}]); normalised margin growth {F(normalized.Mean)} (95% CI "
                + $"[{F(normalized.Lower)}, {F(normalized.Upper)}]); {reached}");
        return new TptVerdict(runs, gain, margin, normalized, accuracy, marginClaim);
    }

    /// <summary>
    /// Verdicts for a single run. Test accuracy: two-proportion z-test of the gain on a test set of
    /// <paramref name="testCount"/> samples, z = gain / √(p₀(1−p₀)/n + p₁(1−p₁)/n) (unpaired, hence conservative for
    /// the same test set at two epochs); holds for z &gt; 1.96, fails for z &lt; −1.96. Margin: p_min is an exact
    /// property of the run, so the sign of its change decides.
    /// </summary>
    public static IReadOnlyList<ClaimResult> JudgeSingleRun(TptRunSummary run, long testCount, IReadOnlyDictionary<string, string> parameters)
    {
        if (run.TptStartEpoch is null || run.EpochsInTpt == 0)
        {
            var why = run.TptStartEpoch is null ? "train accuracy never reached 100% in the exported epochs" : "no exported epoch after the TPT start";
            return [
                new ClaimResult(AccuracyClaimId, parameters, double.NaN, 0, 0, Verdict.Inconclusive, run.Seed, why),
                new ClaimResult(MarginClaimId, parameters, double.NaN, 0, 0, Verdict.Inconclusive, run.Seed, why),
            ];
        }
        double p0 = run.TestAccuracyAtStart, p1 = run.TestAccuracyFinal, n = testCount;
        var se = Math.Sqrt(p0 * (1 - p0) / n + p1 * (1 - p1) / n);
        var z = se > 0 ? run.TestAccuracyGain / se : run.TestAccuracyGain > 0 ? double.PositiveInfinity : run.TestAccuracyGain < 0 ? double.NegativeInfinity : 0;
        var accVerdict = z > 1.96 ? Verdict.Holds : z < -1.96 ? Verdict.Fails : Verdict.Inconclusive;
        var acc = new ClaimResult(AccuracyClaimId, parameters, run.TestAccuracyGain, 0, 1.96 * se, accVerdict, run.Seed,
            $"test accuracy {F(p0)} at the TPT start (epoch {run.TptStartEpoch}) → {F(p1)} at epoch {run.FinalEpoch}: gain {F(run.TestAccuracyGain)} ± {F(1.96 * se)} (95%, "
                + $"binomial, n = {testCount}), z = {F(z)}; one run");
        var g = run.MinMarginGrowth;
        var margin = new ClaimResult(MarginClaimId, parameters, g, 0, 0, g > 0 ? Verdict.Holds : g < 0 ? Verdict.Fails : Verdict.Inconclusive, run.Seed,
            $"train p_min {F(run.MinMarginAtStart)} → {F(run.MinMarginFinal)} (growth {F(g)}); normalised margin {F(run.NormalizedMarginAtStart)} → {F(run.NormalizedMarginFinal)}; one run");
        return [acc, margin];
    }

    /// <summary>
    /// The verdict rule of the over-seeds claims for a mean change ("it grows"): holds when the lower end of the
    /// confidence interval is &gt; 0, fails when the upper end is &lt; 0, inconclusive otherwise and with fewer than 2
    /// values; with zero spread the sign of the mean decides.
    /// </summary>
    public static Verdict VerdictOf(MeanWithUncertainty change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Count >= 2 && change.StandardDeviation == 0)
            return change.Mean > 0 ? Verdict.Holds : change.Mean < 0 ? Verdict.Fails : Verdict.Inconclusive;
        if (change.Count < 2 || double.IsNaN(change.Lower)) return Verdict.Inconclusive;
        if (change.Lower > 0) return Verdict.Holds;
        if (change.Upper < 0) return Verdict.Fails;
        return Verdict.Inconclusive;
    }

    private static ClaimResult Claim(string id, MeanWithUncertainty change, IReadOnlyDictionary<string, string> parameters, int seed, string detail) =>
        new(id, parameters, change.Mean, 0.0, change.Mean - change.Lower, VerdictOf(change), seed, detail);

    private static string F(double v) => NumberFormat.Display(v);
}
