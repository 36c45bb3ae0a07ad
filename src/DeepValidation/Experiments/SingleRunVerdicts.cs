using System.Globalization;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// The claim verdicts of one run's per-epoch records, as written to <c>claims.csv</c> by <c>collapse analyze-run</c>
/// and <c>collapse deep train</c>: <see cref="Nc1Trend"/> (<c>nc1-decreases</c>) and, when the test set was measured,
/// <see cref="TptVerdict.JudgeSingleRun"/> (<c>tpt-test-accuracy-gain</c>, <c>tpt-margin-growth</c>).
/// </summary>
public static class SingleRunVerdicts
{
    /// <summary>Judges <paramref name="records"/>; <paramref name="source"/> names the run in the parameters.</summary>
    public static IReadOnlyList<ClaimResult> Judge(IReadOnlyList<EpochRecord> records, string source)
    {
        ArgumentNullException.ThrowIfNull(records);
        var measured = records.Count(r => r.Train is not null);
        var parameters = new Dictionary<string, string> { ["source"] = source, ["epochs"] = measured.ToString(CultureInfo.InvariantCulture) };
        var claims = new List<ClaimResult> { Nc1Trend.Judge(records, parameters) };
        if (measured > 0 && records.FirstOrDefault(r => r.Test is not null) is { } withTest)
            claims.AddRange(TptVerdict.JudgeSingleRun(TptRunSummary.Of(0, records), withTest.Test!.Samples, parameters));
        return claims;
    }
}
