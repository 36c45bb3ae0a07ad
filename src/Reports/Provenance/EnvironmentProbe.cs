using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Collapse.Reports.Model;

namespace Collapse.Reports.Provenance;

/// <summary>Captures a <see cref="ReportEnvironment"/>: versions, build commit, OS, CPU, GPU, memory.</summary>
public static class EnvironmentProbe
{
    /// <summary>
    /// Captures the environment of the current process.
    /// </summary>
    /// <param name="entryAssembly">Assembly whose informational version ("0.1.0+commit") names the version and commit.</param>
    /// <param name="componentAssemblies">Library assemblies whose versions are listed (name → version).</param>
    /// <param name="commandLine">The command line to record.</param>
    public static ReportEnvironment Capture(Assembly entryAssembly, IEnumerable<Assembly> componentAssemblies, string commandLine)
    {
        var (version, commit) = VersionAndCommit(entryAssembly);
        var components = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in componentAssemblies)
        {
            var name = a.GetName().Name ?? "?";
            components[name] = VersionAndCommit(a).Version;
        }
        return new ReportEnvironment(
            version,
            commit,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            System.Environment.MachineName,
            CpuModel(),
            System.Environment.ProcessorCount,
            GpuModels(),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            components,
            commandLine,
            DateTimeOffset.UtcNow);
    }

    /// <summary>Splits an informational version "1.2.3+sha" into version and commit ("unknown" when absent).</summary>
    public static (string Version, string Commit) VersionAndCommit(Assembly assembly)
    {
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (info, "unknown") : (info[..plus], info[(plus + 1)..]);
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
                        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string GpuModels()
    {
        // NVIDIA: ask nvidia-smi when present (short timeout); otherwise report none.
        try
        {
            var psi = new ProcessStartInfo("nvidia-smi", "--query-gpu=name,memory.total --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is not null)
            {
                var output = p.StandardOutput.ReadToEnd();
                if (p.WaitForExit(5000) && p.ExitCode == 0 && output.Trim().Length > 0)
                    return string.Join("; ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        catch (System.ComponentModel.Win32Exception) { }
        catch (InvalidOperationException) { }
        return "none detected (computations run on the CPU)";
    }
}
