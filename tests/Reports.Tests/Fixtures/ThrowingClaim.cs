using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Test-only claim whose check throws, to show that a crash becomes an Inconclusive section.</summary>
public sealed class ThrowingClaim : IClaim
{
    public string Id => "test-throws";
    public string Title => "A check that crashes";
    public string Source => "test fixture";
    public string Statement => "Never evaluated: the check throws.";
    public ClaimKind Kind => ClaimKind.Identity;
    public IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>();
    public ClaimResult Check(ClaimContext context) => throw new InvalidOperationException("solver diverged <b>badly</b>");
}
