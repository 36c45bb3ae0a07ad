using System.Globalization;
using Collapse.Theory.Claims;

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
            $"train p_min after the TPT start: mean growth {F(margin.Mean)} (95% CI [{F(margin.Lower)}, {F(margin.Upper)}]); normalised margin growth {F(normalized.Mean)} (95% CI [{F(normalized.Lower)}, {F(normalized.Upper)}]); {reached}");
        return new TptVerdict(runs, gain, margin, normalized, accuracy, marginClaim);
    }

    private static ClaimResult Claim(string id, MeanWithUncertainty change, IReadOnlyDictionary<string, string> parameters, int seed, string detail)
    {
        Verdict verdict;
        if (change.Count < 2 || double.IsNaN(change.Lower)) verdict = Verdict.Inconclusive;
        else if (change.Lower > 0) verdict = Verdict.Holds;
        else if (change.Upper < 0) verdict = Verdict.Fails;
        else verdict = Verdict.Inconclusive;
        if (change.Count >= 2 && change.StandardDeviation == 0)
            verdict = change.Mean > 0 ? Verdict.Holds : change.Mean < 0 ? Verdict.Fails : Verdict.Inconclusive;
        return new ClaimResult(id, parameters, change.Mean, 0.0, change.Mean - change.Lower, verdict, seed, detail);
    }

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("G4", CultureInfo.InvariantCulture);
}
