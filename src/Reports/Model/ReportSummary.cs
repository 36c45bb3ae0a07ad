using Collapse.Theory.Claims;

namespace Collapse.Reports.Model;

/// <summary>Verdict counts of a report.</summary>
/// <param name="Total">Number of claims checked.</param>
/// <param name="Holds">Claims that hold.</param>
/// <param name="Fails">Claims falsified.</param>
/// <param name="Inconclusive">Claims that could not be evaluated (never counted as holding).</param>
public sealed record ReportSummary(int Total, int Holds, int Fails, int Inconclusive)
{
    /// <summary>Claims per kind, every kind listed (zero included), in <see cref="ClaimKind"/> order.</summary>
    public IReadOnlyDictionary<ClaimKind, int> ByKind { get; init; } = new Dictionary<ClaimKind, int>();

    /// <summary>Claims of kind <see cref="ClaimKind.Definition"/>: true by definition, shown separately, not counted as evidence.</summary>
    public int Definitions => ByKind.TryGetValue(ClaimKind.Definition, out var n) ? n : 0;

    /// <summary>Claims that count as evidence: every claim except the definitions.</summary>
    public int Evidence => Total - Definitions;

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
        var byKind = Enum.GetValues<ClaimKind>().ToDictionary(k => k, k => sections.Count(s => s.Kind == k));
        return new ReportSummary(sections.Count, holds, fails, inconclusive) { ByKind = byKind };
    }

    /// <summary>
    /// The kinds in one phrase, e.g. "19 identity, 20 inequality, 8 asymptotic, 0 empirical; 4 definitions (not
    /// counted as evidence)".
    /// </summary>
    public string KindsText()
    {
        var evidence = string.Join(", ", ByKind.Where(kv => kv.Key != ClaimKind.Definition).Select(kv => $"{kv.Value} {kv.Key.ToString().ToLowerInvariant()}"));
        return $"{evidence}; {Definitions} definition{(Definitions == 1 ? "" : "s")} (not counted as evidence)";
    }

    /// <summary>One line, e.g. "31 claims: 30 hold, 1 fails, 0 inconclusive" (singular verbs for 1).</summary>
    public override string ToString() =>
        $"{Total} claim{(Total == 1 ? "" : "s")}: {Holds} hold{(Holds == 1 ? "s" : "")}, {Fails} fail{(Fails == 1 ? "s" : "")}, {Inconclusive} inconclusive";
}
