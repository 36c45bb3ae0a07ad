using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Test-only claim whose check throws, to show that a crash becomes an Inconclusive section.</summary>
public sealed class ThrowingClaim : Claim
{
    public override ClaimInfo Info { get; } = new("test-throws", ClaimKind.Identity)
    {
        Title = "A check that crashes",
        Source = "test fixture",
        Statement = "Never evaluated: the check throws.",
    };

    protected override ClaimEvidence Run(ClaimParameters parameters, ClaimContext context) =>
        throw new InvalidOperationException("solver diverged <b>badly</b>");
}
