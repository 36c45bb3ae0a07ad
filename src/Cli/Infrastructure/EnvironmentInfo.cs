namespace Collapse.Cli.Infrastructure;

/// <summary>Versions of the tool and its environment, for output headers and reports.</summary>
public static class EnvironmentInfo
{
    /// <summary>Collapse version (assembly informational version).</summary>
    public static string CollapseVersion =>
        typeof(EnvironmentInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
