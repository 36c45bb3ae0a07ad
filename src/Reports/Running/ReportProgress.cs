using Collapse.Reports.Model;

namespace Collapse.Reports.Running;

/// <summary>Progress of a report run: sent when a claim starts (<see cref="Finished"/> null) and when it ends.</summary>
/// <param name="Index">0-based index of the claim.</param>
/// <param name="Total">Number of claims in the run.</param>
/// <param name="ClaimId">The claim's id.</param>
/// <param name="Finished">The finished section, or null when the claim is starting.</param>
public sealed record ReportProgress(int Index, int Total, string ClaimId, ClaimSection? Finished);
