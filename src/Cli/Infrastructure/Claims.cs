using Collapse.Theory.Claims;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The one place where the CLI composes its claim registry from the libraries' claim lists
/// (Theory now; Ufm and DeepValidation add their lists here).
/// </summary>
public static class Claims
{
    private static readonly Lazy<ClaimRegistry> Lazy = new(() => new ClaimRegistry(
        TheoryClaims.All()));

    /// <summary>The registry of every claim the CLI knows.</summary>
    public static ClaimRegistry Registry => Lazy.Value;
}
