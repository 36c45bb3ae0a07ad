using System.Diagnostics;
using Collapse.Sweeps.Planning;
using Collapse.Theory;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// Runs a planned sweep on this machine with a bounded pool of <c>jobs</c> workers, in grid order. Resumable: runs
/// already done are skipped, so an execution that was killed and restarted redoes only the unfinished runs (failed
/// runs too with <c>retryFailed</c>).
/// </summary>
public static class LocalExecutor
{
    /// <summary>Executes one run and returns its outcome (e.g. <see cref="SelfExec"/> or <see cref="RunExecutor.ExecuteAsync"/>).</summary>
    public delegate Task<RunOutcome> RunOne(PlannedRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Runs every unfinished run of <paramref name="plan"/> with at most <paramref name="jobs"/> at a time. Cancelling stops
    /// starting runs and cancels the running ones (they stay unfinished); the summary then counts them as unfinished.
    /// </summary>
    /// <exception cref="InputException"><paramref name="jobs"/> is below 1.</exception>
    public static async Task<LocalRunSummary> RunAsync(SweepPlan plan, int jobs, bool retryFailed, RunOne runOne, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        if (jobs < 1) throw new InputException($"--jobs {jobs}: must be at least 1");
        var clock = Stopwatch.StartNew();
        var (todo, alreadyDone, skippedFailed) = PendingRuns.Of(plan, retryFailed);

        int finished = 0, failed = 0, done = 0;
        var gate = new object();
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, async (run, token) =>
            {
                var outcome = await runOne(run, token).ConfigureAwait(false);
                SweepProgress report;
                lock (gate)
                {
                    if (outcome.State == RunState.Pending) return;
                    finished++;
                    if (outcome.State == RunState.Failed) failed++;
                    else done++;
                    report = new SweepProgress(plan.Runs.Count, todo.Count, finished, failed, outcome);
                }
                progress?.Report(report);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        var unfinished = plan.Runs.Count(r => RunStatus.StateOf(plan.RunDir(r)) == RunState.Pending);
        return new LocalRunSummary(plan.Runs.Count, alreadyDone, skippedFailed, todo.Count, done, failed, unfinished, clock.Elapsed.TotalSeconds);
    }
}
