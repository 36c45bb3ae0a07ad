namespace Collapse.Sweeps.Planning;

/// <summary>
/// File layout of a sweep folder: <c>plan.json</c>, <c>runs/&lt;id&gt;/</c> (config.json, stdout.txt, stderr.txt,
/// result.json, status.json, out/), <c>slurm/</c> (the sbatch script and logs), and the merged
/// <c>sweep.csv</c>, <c>sweep-status.csv</c>, <c>sweep-axes.csv</c>.
/// </summary>
public static class SweepLayout
{
    /// <summary>The plan: the normalized spec and the ordered run ids.</summary>
    public static string PlanFile(string sweepDir) => Path.Combine(sweepDir, "plan.json");

    /// <summary>Folder holding one sub-folder per run.</summary>
    public static string RunsDir(string sweepDir) => Path.Combine(sweepDir, "runs");

    /// <summary>Folder of one run.</summary>
    public static string RunDir(string sweepDir, string id) => Path.Combine(RunsDir(sweepDir), id);

    /// <summary>The run's resolved configuration.</summary>
    public static string ConfigFile(string runDir) => Path.Combine(runDir, "config.json");

    /// <summary>The run's result (the command's JSON stdout or its summary.json), written atomically.</summary>
    public static string ResultFile(string runDir) => Path.Combine(runDir, "result.json");

    /// <summary>The run's status (state, exit code, error line, wall time), written last.</summary>
    public static string StatusFile(string runDir) => Path.Combine(runDir, "status.json");

    /// <summary>Captured standard output of the command.</summary>
    public static string StdoutFile(string runDir) => Path.Combine(runDir, "stdout.txt");

    /// <summary>Captured standard error of the command.</summary>
    public static string StderrFile(string runDir) => Path.Combine(runDir, "stderr.txt");

    /// <summary>Lock held by the process executing the run.</summary>
    public static string LockFile(string runDir) => Path.Combine(runDir, ".lock");

    /// <summary>The <c>--out</c> folder handed to summary-mode commands.</summary>
    public static string OutDir(string runDir) => Path.Combine(runDir, "out");

    /// <summary>Folder of the Slurm script and logs.</summary>
    public static string SlurmDir(string sweepDir) => Path.Combine(sweepDir, "slurm");

    /// <summary>The merged table: one row per run.</summary>
    public static string TableFile(string sweepDir) => Path.Combine(sweepDir, "sweep.csv");

    /// <summary>Per-run bookkeeping: state, exit code, wall seconds, host, error line.</summary>
    public static string StatusTableFile(string sweepDir) => Path.Combine(sweepDir, "sweep-status.csv");

    /// <summary>Plot data: every numeric result against every axis, aggregated over the other axes' replicates.</summary>
    public static string AxesFile(string sweepDir) => Path.Combine(sweepDir, "sweep-axes.csv");
}
