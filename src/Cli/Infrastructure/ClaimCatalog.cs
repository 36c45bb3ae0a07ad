using Collapse.Reports.Running;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The composed claim registry the CLI runs: Theory claims, UFM claims, and (profiles that include slow claims)
/// deep-validation claims on the bundled subsets. The layers define their claims; only this class lists them.
/// </summary>
public static class ClaimCatalog
{
    /// <summary>Every claim the profile runs, in report order.</summary>
    public static IReadOnlyList<IClaim> For(ReportProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var claims = new List<IClaim>();
        return claims.Where(profile.Includes).ToList();
    }
}
