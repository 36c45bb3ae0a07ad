using System.Globalization;
using System.Text;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Slurm;
using Collapse.Theory;
using Collapse.Theory.IO;
using Collapse.Theory.Metrics.Sharding;

namespace Collapse.Sweeps.Metrics;

/// <summary>One step of a sharded metric run on Slurm.</summary>
/// <param name="Name">pass1, merge1, pass2 or merge2.</param>
/// <param name="Script">Path of its sbatch script.</param>
/// <param name="Array">Whether it is a job array over the S shards.</param>
public sealed record MetricSlurmStep(string Name, string Script, bool Array);

/// <summary>
/// A sharded metric run as a chain of four Slurm jobs (docs/metrics.md, "Sharded runs"): a job array over the S pass-1
/// row shards (<c>collapse metrics shard DIR --pass 1 --index $SLURM_ARRAY_TASK_ID</c>), the pass-1 merge, a job array
/// over the S pass-2 class shards, and the final merge that writes <c>DIR/metrics.json</c>; each job depends on the
/// previous one (<c>afterok</c>, and is cancelled if that fails). Scripts and logs live in <c>DIR/slurm/</c>; the Slurm
/// options and submission are those of the sweep machinery (<see cref="SlurmOptions"/>, <see cref="SlurmSubmitter"/>).
/// </summary>
public static class MetricSlurm
{
    /// <summary><c>DIR/slurm</c>.</summary>
    public static string SlurmDir(string dir) => Path.Combine(dir, "slurm");

    /// <summary><c>DIR/slurm/logs</c>.</summary>
    public static string LogDir(string dir) => Path.Combine(SlurmDir(dir), "logs");

    /// <summary>The four steps in order.</summary>
    public static IReadOnlyList<MetricSlurmStep> Steps(string dir) =>
    [
        new("pass1", Path.Combine(SlurmDir(dir), "pass1.sbatch"), true),
        new("merge1", Path.Combine(SlurmDir(dir), "merge1.sbatch"), false),
        new("pass2", Path.Combine(SlurmDir(dir), "pass2.sbatch"), true),
        new("merge2", Path.Combine(SlurmDir(dir), "merge2.sbatch"), false),
    ];

    /// <summary>The script of <paramref name="step"/>; <paramref name="dependency"/> is the job id it waits for (afterok).</summary>
    public static string Render(MetricShardPlan plan, string dir, MetricSlurmStep step, CommandLauncher collapse, SlurmOptions options, string? dependency)
    {
        options.Validate();
        var full = Path.GetFullPath(dir);
        if (full.Any(c => char.IsWhiteSpace(c) || c is '%' or '"' or '\''))
            throw new InputException($"run folder {full}: #SBATCH lines cannot hold spaces, quotes or '%'; use a path without them");
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append('\n');
        Line("#!/bin/bash");
        Line($"#SBATCH --job-name=collapse-metrics-{step.Name}");
        if (step.Array) Line($"#SBATCH --array={SlurmArray.Format(Enumerable.Range(0, plan.Shards).ToList(), options.ArrayLimit)}");
        Line($"#SBATCH --cpus-per-task={options.CpusPerTask.ToString(CultureInfo.InvariantCulture)}");
        Line("#SBATCH --ntasks=1");
        Line($"#SBATCH --output={Path.Combine(LogDir(full), step.Array ? step.Name + "_%A_%a.log" : step.Name + "_%j.log")}");
        Line($"#SBATCH --chdir={full}");
        if (dependency is not null)
        {
            Line($"#SBATCH --dependency=afterok:{dependency}");
            Line("#SBATCH --kill-on-invalid-dep=yes");
        }
        if (options.Partition is { } p) Line($"#SBATCH --partition={p}");
        if (options.Time is { } t) Line($"#SBATCH --time={t}");
        if (options.Memory is { } m) Line($"#SBATCH --mem={m}");
        if (options.Account is { } a) Line($"#SBATCH --account={a}");
        Line($"# Collapse sharded metrics ({plan.Shards} shards, N = {plan.Rows}, d = {plan.Dim}, K = {plan.Classes}): step {step.Name}.");
        Line("# Written by `collapse metrics --shards S --slurm`; see docs/metrics.md.");
        Line("set -eu");
        Line("threads=\"${SLURM_CPUS_PER_TASK:-1}\"");
        var args = step.Name switch
        {
            "pass1" => new[] { "metrics", "shard", full, "--pass", "1" },
            "pass2" => new[] { "metrics", "shard", full, "--pass", "2" },
            "merge1" => new[] { "metrics", "merge", full, "--pass", "1" },
            _ => new[] { "metrics", "merge", full, "--json", "--quiet" },
        };
        var command = collapse.ShellCommand(args);
        Line(step.Array
            ? $"exec {command} --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$threads\""
            : $"exec {command} --threads \"$threads\"");
        return sb.ToString();
    }

    /// <summary>
    /// Writes and submits the four jobs in order, each depending on the previous; returns their job ids. The scripts are
    /// written just before their submission (the dependency line names the previous job id).
    /// </summary>
    /// <exception cref="InputException">sbatch is missing or refuses a job.</exception>
    public static async Task<IReadOnlyList<string>> SubmitAsync(MetricShardPlan plan, string dir, CommandLauncher collapse, SlurmOptions options,
        string sbatch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LogDir(dir));
        var ids = new List<string>();
        string? previous = null;
        foreach (var step in Steps(dir))
        {
            var text = Render(plan, dir, step, collapse, options, previous);
            AtomicFile.Write(step.Script, s => s.Write(Encoding.UTF8.GetBytes(text)));
            previous = await SlurmSubmitter.SubmitAsync(step.Script, sbatch, cancellationToken).ConfigureAwait(false);
            ids.Add(previous);
        }
        File.AppendAllText(Path.Combine(SlurmDir(dir), "jobs.txt"), string.Join(' ', ids) + "\n");
        return ids;
    }

    /// <summary>
    /// Waits until the job chain <paramref name="ids"/> (from <see cref="SubmitAsync"/>, submitted at
    /// <paramref name="submittedAt"/>) has left: polls squeue (beside <paramref name="sbatch"/>) for the last job and
    /// DIR/metrics.json for a version written since the submission; returns the text of that file.
    /// </summary>
    /// <exception cref="InputException">The chain ended without writing DIR/metrics.json (the message holds the log tails).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the wait (the jobs keep running).</exception>
    public static async Task<string> WaitForResultAsync(string dir, IReadOnlyList<string> ids, DateTime submittedAt, string sbatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = MetricShardLayout.Result(dir);
        bool Finished() => File.Exists(result) && File.GetLastWriteTimeUtc(result) >= submittedAt;
        await SlurmSubmitter.WaitAsync(ids[^1], SlurmSubmitter.SqueueBeside(sbatch), Finished, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        if (!Finished())
            throw new InputException($"the Slurm chain {string.Join(", ", ids)} ended without {result}; logs: {LogTail(dir).TrimEnd()}");
        return File.ReadAllText(result);
    }

    /// <summary>The last lines of the step logs (for a failed chain).</summary>
    public static string LogTail(string dir, int lines = 5)
    {
        var logs = LogDir(dir);
        if (!Directory.Exists(logs)) return "";
        var sb = new StringBuilder();
        foreach (var f in Directory.GetFiles(logs).OrderBy(f => f, StringComparer.Ordinal))
        {
            var tail = File.ReadAllLines(f).TakeLast(lines).ToList();
            if (tail.Count == 0) continue;
            sb.Append(Path.GetFileName(f)).Append(": ").Append(string.Join(" | ", tail)).Append('\n');
        }
        return sb.ToString();
    }
}
