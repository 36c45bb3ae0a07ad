using Collapse.Sweeps.Execution;
using Collapse.Theory;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Finds the <c>collapse</c> executable that sweeps start for each run: <c>--collapse PATH</c> if given, else this
/// process when it is the <c>collapse</c> apphost, else the apphost or <c>collapse.dll</c> beside this assembly.
/// </summary>
public static class CollapseExecutable
{
    /// <summary>The launcher for runs.</summary>
    /// <exception cref="InputException">The given path does not exist, or no collapse executable can be found.</exception>
    public static CommandLauncher Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            if (!File.Exists(explicitPath)) throw new InputException($"--collapse {explicitPath}: file not found");
            return CommandLauncher.For(explicitPath);
        }
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "collapse") return CommandLauncher.For(self);
        var dir = Path.GetDirectoryName(typeof(CollapseExecutable).Assembly.Location);
        if (string.IsNullOrEmpty(dir)) dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "collapse");
        if (File.Exists(apphost)) return CommandLauncher.For(apphost);
        var dll = Path.Combine(dir, "collapse.dll");
        if (File.Exists(dll)) return CommandLauncher.For(dll);
        throw new InputException($"cannot find the collapse executable in {dir}; pass --collapse PATH");
    }
}
