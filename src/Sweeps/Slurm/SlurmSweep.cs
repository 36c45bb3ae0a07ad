using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Slurm;

/// <summary>
/// Runs a sweep as a Slurm job array, the counterpart of <see cref="LocalExecutor"/>: <see cref="Prepare"/> picks the
/// pending runs (<see cref="PendingRuns"/>, the same rule as the local executor) and writes the array script,
/// <see cref="SubmitAsync"/> hands it to sbatch and records the job id in <c>slurm/jobs.txt</c>, and
/// <see cref="WaitAsync"/> follows the array until every submitted run has a fresh status.
/// </summary>
public static class SlurmSweep
{
    /// <summary>
    /// Validates <paramref name="options"/>, selects the pending runs and writes the array script (one task per
    /// pending run) into the sweep folder; null when nothing is pending.
    /// </summary>
    /// <exception cref="Theory.InputException">An option is invalid or the script cannot be written.</exception>
    public static SlurmSubmission? Prepare(SweepPlan plan, CommandLauncher launcher, SlurmOptions options, bool retryFailed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var runs = PendingRuns.Of(plan, retryFailed).ToRun;
        if (runs.Count == 0) return null;
        var indices = runs.Select(r => r.Index).ToList();
        var script = SlurmScript.PathIn(plan.Directory);
        Directory.CreateDirectory(SlurmScript.LogDir(plan.Directory));
        var text = SlurmScript.Render(plan, launcher, options, indices);
        AtomicFile.WriteAllText(script, text);
        return new SlurmSubmission(script, text, indices);
    }

    /// <summary>Submits the script with <paramref name="sbatch"/> and appends the job id to <c>slurm/jobs.txt</c>.</summary>
    /// <exception cref="Theory.InputException">sbatch is missing or refuses the job.</exception>
    public static async Task<SlurmJob> SubmitAsync(SweepPlan plan, SlurmSubmission submission, string sbatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(submission);
        var submittedAt = DateTimeOffset.UtcNow;
        var jobId = await SlurmSubmitter.SubmitAsync(submission.Script, sbatch, cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(Path.Combine(SweepLayout.SlurmDir(plan.Directory), "jobs.txt"), jobId + "\n", cancellationToken).ConfigureAwait(false);
        return new SlurmJob(jobId, submittedAt);
    }

    /// <summary>
    /// Waits until every run of <paramref name="submission"/> has a status written after the submission (a retried
    /// run still shows its old failed status until its task starts), or squeue no longer lists the job.
    /// </summary>
    public static Task WaitAsync(SweepPlan plan, SlurmSubmission submission, SlurmJob job, string sbatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(job);
        var submitted = submission.Indices.Select(i => plan.Runs[i]).ToList();
        bool Finished() => submitted.All(r => RunStatus.Read(plan.RunDir(r)) is { } st && st.FinishedUtc >= job.SubmittedUtc);
        return SlurmSubmitter.WaitAsync(job.Id, SlurmSubmitter.SqueueBeside(sbatch), Finished, TimeSpan.FromSeconds(1), cancellationToken);
    }
}

/// <summary>A written Slurm array script: its path, its text and the grid indices of its tasks.</summary>
/// <param name="Script">Path of the script in the sweep folder.</param>
/// <param name="Text">The script as written.</param>
/// <param name="Indices">Grid indices of the runs it submits, in order.</param>
public sealed record SlurmSubmission(string Script, string Text, IReadOnlyList<int> Indices);

/// <summary>A submitted job array.</summary>
/// <param name="Id">The Slurm job id sbatch printed.</param>
/// <param name="SubmittedUtc">When it was submitted (statuses older than this belong to an earlier attempt).</param>
public sealed record SlurmJob(string Id, DateTimeOffset SubmittedUtc);
