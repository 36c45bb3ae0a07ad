using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Cli.Tests.Sweeps;

/// <summary>
/// The acceptance sweep through a real Slurm cluster: a single-node cluster on localhost (slurmctld + slurmd + munged,
/// started by tools/slurm-local.sh, which .ci/run calls after installing slurm-wlm and munge). Skipped, with the
/// reason shown, where sbatch is missing or the cluster cannot start.
/// </summary>
[Collection(SweepCollection.Name)]
public class SlurmClusterTests(Grid12Reference reference, ITestOutputHelper log)
{
    [SkippableFact]
    public void TwelvePointSweepThroughSlurmMergesToTheSameRowsAsTheLocalRun()
    {
        var reason = SlurmCluster.EnsureUp();
        Skip.If(reason is not null, reason);

        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run("sweep", "run", sweep, "--slurm", "--wait", "--partition", SlurmCluster.Partition, "--time", "5");
        log.WriteLine($"Slurm 12-point sweep (submit → array finished): {clock.Elapsed.TotalSeconds:0.0} s");
        log.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr + Logs(sweep));
        Assert.Contains("finished: 12 done, 0 failed, 0 unfinished of 12", r.Stdout);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(sweep, "slurm", "logs"), "*.log").Length);
        Assert.Equal(reference.Csv, SweepFixtures.Merge(sweep));
    }

    private static string Logs(string sweep)
    {
        var dir = Path.Combine(sweep, "slurm", "logs");
        return Directory.Exists(dir) ? string.Join('\n', Directory.GetFiles(dir).Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}")) : "";
    }
}

/// <summary>Finds or starts the local single-node Slurm cluster of tools/slurm-local.sh.</summary>
public static class SlurmCluster
{
    /// <summary>The partition tools/slurm-local.sh defines.</summary>
    public const string Partition = "debug";

    private static readonly Lazy<string?> State = new(Start);

    /// <summary>Null when a cluster answers with an idle node; else why the Slurm test is skipped.</summary>
    public static string? EnsureUp() => State.Value;

    private static string? Start()
    {
        if (Which("sbatch") is null) return "sbatch is not installed (apt-get install -y slurm-wlm munge; .ci/run installs them and starts tools/slurm-local.sh)";
        var conf = Path.Combine(Environment.GetEnvironmentVariable("COLLAPSE_SLURM_DIR") ?? "/tmp/collapse-slurm", "slurm.conf");
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")) && !File.Exists("/etc/slurm/slurm.conf") && File.Exists(conf))
            Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        if (NodeUp()) return null;

        var script = RepoFile("tools/slurm-local.sh");
        if (script is null) return "no cluster answers and tools/slurm-local.sh was not found above the test folder";
        var (code, output) = Run("bash", [script, "start"], TimeSpan.FromSeconds(120));
        if (code != 0)
        {
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {code}";
            return $"the local Slurm cluster did not start (tools/slurm-local.sh start: {line})";
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")) && File.Exists(conf))
            Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        return NodeUp() ? null : "tools/slurm-local.sh started, but sinfo shows no idle node";
    }

    private static bool NodeUp()
    {
        var (code, output) = Run("sinfo", ["-h", "-p", Partition, "-o", "%t"], TimeSpan.FromSeconds(15));
        return code == 0 && output.Split('\n').Any(l => l.Trim().TrimEnd('*') is "idle" or "mix" or "alloc");
    }

    private static (int Code, string Output) Run(string file, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (-1, $"{file} timed out after {timeout.TotalSeconds} s");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string? RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Theory.sln")))
                return File.Exists(Path.Combine(dir.FullName, relative)) ? Path.Combine(dir.FullName, relative) : null;
        return null;
    }
}
