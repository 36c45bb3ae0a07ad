using System.Globalization;
using System.Text;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Slurm;

/// <summary>
/// The <c>sbatch</c> script of a sweep: one job-array task per run (array index = grid index in plan.json), each
/// calling the same command as a local execution, <c>collapse sweep exec DIR --index $SLURM_ARRAY_TASK_ID</c>.
/// </summary>
public static class SlurmScript
{
    /// <summary>Where the script is written: <c>DIR/slurm/sweep.sbatch</c>.</summary>
    public static string PathIn(string sweepDir) => System.IO.Path.Combine(SweepLayout.SlurmDir(sweepDir), "sweep.sbatch");

    /// <summary>Folder of the array tasks' logs (<c>%A_%a.log</c>).</summary>
    public static string LogDir(string sweepDir) => System.IO.Path.Combine(SweepLayout.SlurmDir(sweepDir), "logs");

    /// <summary>The script for the runs at <paramref name="indices"/> (sorted grid indices) of <paramref name="plan"/>.</summary>
    public static string Render(SweepPlan plan, CommandLauncher collapse, SlurmOptions options, IReadOnlyList<int> indices)
    {
        options.Validate();
        foreach (var (what, path) in new[] { ("sweep folder", plan.Directory), ("working folder", plan.Spec.WorkingDirectory) })
            if (path.Any(c => char.IsWhiteSpace(c) || c is '%' or '"' or '\''))
                throw new Collapse.Theory.InputException($"{what} {path}: #SBATCH lines cannot hold spaces, quotes or '%'; use a path without them");
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append('\n');
        Line("#!/bin/bash");
        Line($"#SBATCH --job-name=collapse-{plan.Spec.Name}");
        Line($"#SBATCH --array={SlurmArray.Format(indices, options.ArrayLimit)}");
        Line($"#SBATCH --cpus-per-task={options.CpusPerTask.ToString(CultureInfo.InvariantCulture)}");
        Line("#SBATCH --ntasks=1");
        Line($"#SBATCH --output={System.IO.Path.Combine(LogDir(plan.Directory), "%A_%a.log")}");
        Line($"#SBATCH --chdir={plan.Spec.WorkingDirectory}");
        if (options.Partition is { } p) Line($"#SBATCH --partition={p}");
        if (options.Time is { } t) Line($"#SBATCH --time={t}");
        if (options.Memory is { } m) Line($"#SBATCH --mem={m}");
        if (options.Account is { } a) Line($"#SBATCH --account={a}");
        Line($"# Collapse sweep '{plan.Spec.Name}': {indices.Count} of {plan.Runs.Count} runs of `collapse {string.Join(' ', plan.Spec.Command)}`.");
        Line("# Written by `collapse sweep run --slurm`. Array index = grid index in plan.json; each task runs one point with");
        Line("# the same command as `collapse sweep run --local` and writes runs/<id>/ (status.json last). Merge with");
        Line($"# `collapse sweep merge {plan.Directory}` once the array has finished.");
        Line("set -eu");
        Line("threads=\"${SLURM_CPUS_PER_TASK:-1}\"");
        var exec = collapse.ShellCommand(["sweep", "exec", plan.Directory]);
        Line($"exec {exec} --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$threads\"");
        return sb.ToString();
    }
}
