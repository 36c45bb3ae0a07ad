namespace Collapse.Theory.Claims;

/// <summary>
/// Structured result of one claim check: every check in Collapse returns one of these.
/// </summary>
/// <param name="ClaimId">Stable claim id (e.g. <c>etf-gram</c>).</param>
/// <param name="Parameters">Parameters of the check (K, d, seed, …) as name → value.</param>
/// <param name="Measured">Measured value (worst case over the cases checked).</param>
/// <param name="Expected">Expected value, or the bound the measured value must respect.</param>
/// <param name="Tolerance">Allowed deviation (absolute unless <paramref name="Detail"/> says otherwise).</param>
/// <param name="Verdict">Holds, Fails or Inconclusive.</param>
/// <param name="Seed">Seed that replays the check (the falsifying case's seed when it fails).</param>
/// <param name="Detail">One human-readable sentence: the comparison made, or the falsifying instance.</param>
public sealed record ClaimResult(
    string ClaimId,
    IReadOnlyDictionary<string, string> Parameters,
    double Measured,
    double Expected,
    double Tolerance,
    Verdict Verdict,
    int Seed,
    string Detail)
{
    /// <summary>Case statistics (checked, skipped, informative, median tightness and slack); null when the check has no cases.</summary>
    public CaseStatistics? Cases { get; init; }

    /// <summary>True iff the verdict is <see cref="Verdict.Holds"/>.</summary>
    public bool Holds => Verdict == Verdict.Holds;
}
