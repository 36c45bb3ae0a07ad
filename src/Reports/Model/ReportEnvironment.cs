namespace Collapse.Reports.Model;

/// <summary>Where and with what a report was produced (the environment block of every report).</summary>
/// <param name="CollapseVersion">Collapse version.</param>
/// <param name="GitCommit">Commit the tool was built from (or "unknown").</param>
/// <param name="DotnetVersion">.NET runtime description.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="Machine">Host name.</param>
/// <param name="Cpu">CPU model.</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
/// <param name="Gpu">GPU model(s), or "none detected".</param>
/// <param name="MemoryBytes">Memory available to the process.</param>
/// <param name="Components">Versions of the libraries involved (name → version).</param>
/// <param name="CommandLine">The command line that produced the report.</param>
/// <param name="StartedUtc">Start time (UTC).</param>
public sealed record ReportEnvironment(
    string CollapseVersion,
    string GitCommit,
    string DotnetVersion,
    string Os,
    string Architecture,
    string Machine,
    string Cpu,
    int LogicalCores,
    string Gpu,
    long MemoryBytes,
    IReadOnlyDictionary<string, string> Components,
    string CommandLine,
    DateTimeOffset StartedUtc);
