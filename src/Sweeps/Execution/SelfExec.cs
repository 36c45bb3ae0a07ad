using System.Globalization;
using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// Executes a run as its own process, <c>collapse sweep exec DIR --id ID --quiet</c> — the same unit a Slurm array task runs.
/// The child inherits the console (no pipes), so a run whose parent sweep is killed outright still finishes and
/// writes its status; the resumed sweep waits for it on the run's lock instead of running it twice.
/// </summary>
public static class SelfExec
{
    /// <summary>The arguments after <c>collapse</c> that execute one run.</summary>
    public static IReadOnlyList<string> Arguments(string sweepDir, string id, int? threads) =>
        threads is { } t
            ? ["sweep", "exec", sweepDir, "--id", id, "--quiet", "--threads", t.ToString(CultureInfo.InvariantCulture)]
            : ["sweep", "exec", sweepDir, "--id", id, "--quiet"];

    /// <summary>A <see cref="LocalExecutor.RunOne"/> that starts <c>collapse sweep exec</c> for each run and reads its status.</summary>
    public static LocalExecutor.RunOne For(SweepPlan plan, CommandLauncher collapse, int? threads) => async (run, token) =>
    {
        var started = DateTimeOffset.UtcNow;
        var psi = collapse.StartInfo(Arguments(plan.Directory, run.Id, threads), plan.Spec.WorkingDirectory);
        using var process = System.Diagnostics.Process.Start(psi)
            ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        try
        {
            await process.WaitForExitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return new RunOutcome(run, RunStatus.Read(plan.RunDir(run)), Skipped: false);
        }
        var status = RunStatus.Read(plan.RunDir(run));
        // Finished before this child started: an earlier executor (e.g. an orphan of a killed sweep) did it.
        return new RunOutcome(run, status, Skipped: status is not null && status.FinishedUtc < started);
    };
}
