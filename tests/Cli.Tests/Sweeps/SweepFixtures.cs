using System.Diagnostics;
using Collapse.Cli.Infrastructure;
using Xunit;

namespace Collapse.Cli.Tests.Sweeps;

/// <summary>Sweep specs, temporary folders and the real collapse executable beside the tests.</summary>
public static class SweepFixtures
{
    /// <summary>
    /// The 12-point acceptance sweep: a tiny UFM (K = 4, d = 8, 6 samples per majority class, 100 GD steps) over the
    /// imbalance ratio R ∈ {1, 2, 3, 6} × 3 seeds; each point is a separate collapse process, as in a real sweep.
    /// </summary>
    public const string Grid12 = """
        { "name": "ufm-imbalance", "command": "ufm",
          "fixed": { "classes": 4, "dim": 8, "per-class": 6, "steps": 100 },
          "axes": { "imbalance": [1, 2, 3, 6] },
          "seeds": 3 }
        """;

    /// <summary>A cheaper grid of <c>collapse etf</c> runs for the tests that exercise the executors, not the UFM.</summary>
    public const string EtfGrid = """
        { "name": "etf-grid", "command": "etf",
          "fixed": { "dim": 8 },
          "axes": { "classes": [3, 4, 5, 6] },
          "seeds": 3 }
        """;

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-sweep-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes <paramref name="spec"/> into a fresh folder and plans it into DIR/sweep; returns the sweep folder.</summary>
    public static string Plan(string spec)
    {
        var dir = TempDir();
        var specPath = Path.Combine(dir, "spec.json");
        File.WriteAllText(specPath, spec);
        var sweep = Path.Combine(dir, "sweep");
        var r = CliRunner.Run("sweep", "plan", specPath, "--out", sweep);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return sweep;
    }

    /// <summary>Runs <c>sweep merge</c> and returns sweep.csv's text.</summary>
    public static string Merge(string sweep)
    {
        var r = CliRunner.Run("sweep", "merge", sweep);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        return File.ReadAllText(Path.Combine(sweep, "sweep.csv"));
    }

    public static int Finished(string sweep) =>
        Directory.GetDirectories(Path.Combine(sweep, "runs")).Count(d => File.Exists(Path.Combine(d, "status.json")));

    /// <summary>Starts the real collapse executable (not in-process) with <paramref name="args"/>.</summary>
    public static Process Start(params string[] args)
    {
        var launcher = CollapseExecutable.Locate(null);
        var psi = launcher.StartInfo(args, Directory.GetCurrentDirectory());
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Writes an executable shell script.</summary>
    public static string Script(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}

/// <summary>The uninterrupted local run of <see cref="SweepFixtures.Grid12"/>, computed once and compared against.</summary>
public sealed class Grid12Reference
{
    private readonly Lazy<(string Csv, double WallSeconds, string Dir)> _run = new(() =>
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run("sweep", "run", sweep, "--local", "--jobs", "2");
        var wall = clock.Elapsed.TotalSeconds;
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        return (SweepFixtures.Merge(sweep), wall, sweep);
    });

    /// <summary>sweep.csv of the uninterrupted run.</summary>
    public string Csv => _run.Value.Csv;

    /// <summary>The sweep folder of the uninterrupted run.</summary>
    public string Dir => _run.Value.Dir;

    /// <summary>Wall seconds of the uninterrupted local run with --jobs 2.</summary>
    public double WallSeconds => _run.Value.WallSeconds;
}

/// <summary>The sweep tests share one <see cref="Grid12Reference"/> and run one after another (they start many processes).</summary>
[CollectionDefinition(Name)]
public sealed class SweepCollection : ICollectionFixture<Grid12Reference>
{
    public const string Name = "sweeps";
}
