using Collapse.Reports.Running;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The claims a report profile runs: the composed registry of <see cref="Claims"/> filtered by the profile.
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
