using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Test-only claim built from a delegate (for runner tests that need a plain <see cref="IClaim"/>).</summary>
public sealed class DelegateClaim(string id, Func<ClaimContext, ClaimResult> check, IReadOnlyDictionary<string, string>? parameters = null,
    ClaimKind kind = ClaimKind.Identity) : IClaim
{
    public string Id => id;
    public string Title => "delegate " + id;
    public string Source => "test fixture";
    public string Statement => "whatever the delegate checks";
    public ClaimKind Kind => kind;
    public IReadOnlyDictionary<string, string> DefaultParameters { get; } = parameters ?? new Dictionary<string, string>();
    public ClaimResult Check(ClaimContext context) => check(context);
}
