namespace Collapse.Reports.Model;

/// <summary>How a report was run: profile, base seed, random cases per claim, claim filter and parameter overrides.</summary>
/// <param name="Profile">Profile name (<c>quick</c> or <c>full</c>).</param>
/// <param name="Seed">Base seed handed to every claim (<see cref="Collapse.Theory.Claims.ClaimContext.Seed"/>).</param>
/// <param name="Cases">Random instances per claim (<see cref="Collapse.Theory.Claims.ClaimContext.Cases"/>).</param>
public sealed record ReportSettings(string Profile, int Seed, int Cases)
{
    /// <summary>
    /// Falsify mode (<c>--falsify</c>): run every falsifier of every selected claim instead of the claims' checks.
    /// </summary>
    public bool Falsify { get; init; }

    /// <summary>The <c>--claims</c> filter as given (empty: every claim of the profile).</summary>
    public IReadOnlyList<string> ClaimFilter { get; init; } = [];

    /// <summary>Parameter overrides per claim id (claim id → parameter name → value).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ParameterOverrides { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Overrides for one claim (empty when none).</summary>
    public IReadOnlyDictionary<string, string> OverridesFor(string claimId) =>
        ParameterOverrides.TryGetValue(claimId, out var o) ? o : new Dictionary<string, string>();
}
