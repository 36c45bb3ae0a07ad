using Collapse.Theory.Claims;

namespace Collapse.Reports.Model;

/// <summary>Verdict counts of a report.</summary>
/// <param name="Total">Number of claims checked.</param>
/// <param name="Holds">Claims that hold.</param>
/// <param name="Fails">Claims falsified.</param>
/// <param name="Inconclusive">Claims that could not be evaluated (never counted as holding).</param>
public sealed record ReportSummary(int Total, int Holds, int Fails, int Inconclusive)
{
    /// <summary>True iff every claim holds (and there is at least one claim).</summary>
    public bool AllHold => Total > 0 && Holds == Total;

    /// <summary>Counts the verdicts of <paramref name="sections"/>.</summary>
    public static ReportSummary Of(IReadOnlyList<ClaimSection> sections)
    {
        int holds = 0, fails = 0, inconclusive = 0;
        foreach (var s in sections)
        {
            switch (s.Verdict)
            {
                case Verdict.Holds: holds++; break;
                case Verdict.Fails: fails++; break;
                default: inconclusive++; break;
            }
        }
        return new ReportSummary(sections.Count, holds, fails, inconclusive);
    }

    /// <summary>One line, e.g. "31 claims: 30 hold, 1 fails, 0 inconclusive" (singular verbs for 1).</summary>
    public override string ToString() =>
        $"{Total} claim{(Total == 1 ? "" : "s")}: {Holds} hold{(Holds == 1 ? "s" : "")}, {Fails} fail{(Fails == 1 ? "s" : "")}, {Inconclusive} inconclusive";
}
