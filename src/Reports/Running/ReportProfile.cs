using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>
/// A report profile: how many random instances each claim checks and whether slow claims (empirical claims: deep
/// validation on the bundled subsets) run. <c>quick</c> is the everyday check (minutes on 2 cores); <c>full</c> checks more instances
/// and runs everything.
/// </summary>
/// <param name="Name">Profile name.</param>
/// <param name="Cases">Random instances per claim (<see cref="Collapse.Theory.Claims.ClaimContext.Cases"/>).</param>
/// <param name="IncludeSlow">Whether slow claims (deep validation) run.</param>
public sealed record ReportProfile(string Name, int Cases, bool IncludeSlow)
{
    /// <summary>Quick profile: 20 instances per claim, no slow claims.</summary>
    public static ReportProfile Quick { get; } = new("quick", 20, IncludeSlow: false);

    /// <summary>Full profile: 200 instances per claim, every claim.</summary>
    public static ReportProfile Full { get; } = new("full", 200, IncludeSlow: true);

    /// <summary>
    /// Whether the profile runs <paramref name="claim"/>: every claim when <see cref="IncludeSlow"/>, otherwise every
    /// claim except empirical ones (observations on trained networks: deep validation on the bundled subsets).
    /// </summary>
    public bool Includes(IClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return IncludeSlow || claim.Kind != ClaimKind.Empirical;
    }

    /// <summary>Profile by name (<c>quick</c> or <c>full</c>); throws <see cref="InputException"/> otherwise.</summary>
    public static ReportProfile Parse(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => throw new InputException($"--profile {name}: unknown profile (expected quick or full)"),
    };
}
