using Collapse.Theory.Claims;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The one place where the CLI composes its claim registry from the libraries' claim lists
/// (Theory, Ufm, LeSde and DeepValidation; the deep claims are empirical, so only the report's full profile runs them).
/// </summary>
public static class Claims
{
    private static readonly Lazy<ClaimRegistry> Lazy = new(() => new ClaimRegistry(
        TheoryClaims.All(),
        Collapse.Ufm.Claims.UfmClaims.All(),
        Collapse.LeSde.Claims.LeSdeClaims.All(),
        Collapse.DeepValidation.Claims.DeepClaims.All()));

    /// <summary>The registry of every claim the CLI knows.</summary>
    public static ClaimRegistry Registry => Lazy.Value;
}
