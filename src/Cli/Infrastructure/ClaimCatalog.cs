using Collapse.Reports.Running;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The claims a report profile runs: the CLI's composed registry (<see cref="Claims.Registry"/>: Theory, UFM and
/// deep-validation claims) filtered by <see cref="ReportProfile.Includes"/> (quick leaves out empirical claims).
/// </summary>
public static class ClaimCatalog
{
    /// <summary>Every claim the profile runs, in report order.</summary>
    public static IReadOnlyList<IClaim> For(ReportProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Claims.Registry.All.Where(profile.Includes).ToList();
    }
}
