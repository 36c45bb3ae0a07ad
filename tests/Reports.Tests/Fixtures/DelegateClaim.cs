using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Test-only claim built from a delegate (for runner tests); its parameters are text parameters with the given defaults.</summary>
public sealed class DelegateClaim(string id, Func<ClaimContext, ClaimResult> check, IReadOnlyDictionary<string, string>? parameters = null,
    ClaimKind kind = ClaimKind.Identity, IReadOnlyList<Falsifier>? falsifiers = null) : Claim
{
    public override ClaimInfo Info { get; } = new(id, kind)
    {
        Title = "delegate " + id,
        Source = "test fixture",
        Statement = "whatever the delegate checks",
        Parameters = (parameters ?? new Dictionary<string, string>()).Select(kv => ClaimParameter.Text(kv.Key, kv.Value, "test parameter")).ToList(),
        Falsifiers = falsifiers ?? [],
    };

    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => check(context);
}
