using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// One claim verdict of a single run, as <c>collapse analyze-run</c> and <c>collapse deep train</c> write it to
/// <c>claims.csv</c> (e.g.
/// <c>nc1-decreases</c>, <c>tpt-test-accuracy-gain</c>, <c>tpt-margin-growth</c>; docs/deep-validation.md).
/// </summary>
/// <param name="Id">Claim id.</param>
/// <param name="Verdict">Holds, fails or inconclusive.</param>
/// <param name="Measured">Measured value (NaN when none).</param>
/// <param name="Expected">Expected value or bound.</param>
/// <param name="Tolerance">Tolerance.</param>
/// <param name="Detail">The one-sentence comparison.</param>
public sealed record RunClaim(string Id, Verdict Verdict, double Measured, double Expected, double Tolerance, string Detail);
