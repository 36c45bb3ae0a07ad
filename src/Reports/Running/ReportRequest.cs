using Collapse.Reports.Model;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>
/// What one <c>collapse report</c> run executes, validated before any claim runs: the claims of the profile chosen by
/// <c>--claims</c> (<see cref="ClaimSelector"/>) and the settings (profile, seed, cases, <c>--falsify</c>, the
/// <c>--param</c> overrides checked against the selected claims, <see cref="ParameterOverrides"/>).
/// </summary>
/// <param name="Claims">The selected claims, in report order.</param>
/// <param name="Settings">The run settings.</param>
public sealed record ReportRequest(IReadOnlyList<IClaim> Claims, ReportSettings Settings)
{
    /// <summary>
    /// Selects and validates. <paramref name="registry"/> is every registered claim; <paramref name="profile"/> keeps
    /// those it includes. <paramref name="claimIds"/> are the <c>--claims</c> values (comma-separated ids, a trailing *
    /// matching a prefix; null or empty: every claim of the profile), <paramref name="cases"/> the <c>--cases</c> value
    /// (null: the profile's), <paramref name="parameters"/> the <c>--param</c> entries.
    /// </summary>
    /// <exception cref="InputException">An empty <c>--claims</c>, <c>--cases</c> out of range, <paramref name="outputDirectory"/>
    /// naming a file, a profile without claims, a claim the profile leaves out or that does not exist, or a bad <c>--param</c>.</exception>
    public static ReportRequest Create(IReadOnlyList<IClaim> registry, ReportProfile profile, string outputDirectory, IReadOnlyList<string>? claimIds,
        int seed, int? cases, bool falsify, IReadOnlyList<string>? parameters)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(profile);
        var all = registry.Where(profile.Includes).ToList();
        var filter = (claimIds ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (claimIds is { Count: > 0 } given && filter.Count == 0)
            throw new InputException($"--claims '{string.Join(' ', given)}': no claim id (pass ids separated by commas, or leave --claims out for every claim of the profile)");
        var caseCount = cases ?? profile.Cases;
        if (caseCount < 1) throw new InputException($"--cases {caseCount}: must be at least 1");
        ClaimContext.CheckAtMostMaxCases(caseCount);
        if (File.Exists(outputDirectory)) throw new InputException($"--out {outputDirectory}: is a file, expected a folder");
        if (all.Count == 0) throw new InputException($"--profile {profile.Name}: no claims are registered");
        RefuseClaimsOutsideTheProfile(registry, filter, profile);
        var selected = ClaimSelector.Select(all, filter);
        var settings = new ReportSettings(profile.Name, seed, caseCount)
        {
            Falsify = falsify,
            ClaimFilter = filter,
            ParameterOverrides = ParameterOverrides.Parse(parameters ?? [], selected),
        };
        return new ReportRequest(selected, settings);
    }

    /// <summary>
    /// A <c>--claims</c> entry (id or prefix*) that matches only claims the profile leaves out (empirical deep-validation
    /// claims under <c>quick</c>) is an <see cref="InputException"/> saying which profile runs them, instead of "no such claim".
    /// </summary>
    private static void RefuseClaimsOutsideTheProfile(IReadOnlyList<IClaim> registry, IReadOnlyList<string> filter, ReportProfile profile)
    {
        foreach (var entry in filter)
        {
            bool Matches(IClaim c) => entry.EndsWith('*') ? c.Id.StartsWith(entry[..^1], StringComparison.Ordinal) : c.Id == entry;
            var matching = registry.Where(Matches).ToList();
            if (matching.Count > 0 && !matching.Any(profile.Includes))
                throw new InputException($"--claims {entry}: {(matching.Count == 1 ? "an empirical claim" : "empirical claims")} run only by --profile full (not by --profile {profile.Name})");
        }
    }
}
