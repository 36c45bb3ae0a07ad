using System.Diagnostics;
using System.ComponentModel;
using Collapse.Theory;

namespace Collapse.Sweeps.Slurm;

/// <summary>A submitted job array.</summary>
/// <param name="JobId">Slurm job id.</param>
/// <param name="Waited">True when <c>sbatch --wait</c> returned after the array finished.</param>
/// <param name="SbatchExitCode">Exit code of sbatch (with --wait: non-zero when some task failed).</param>
public sealed record SlurmJob(string JobId, bool Waited, int SbatchExitCode);

/// <summary>Submits a script with <c>sbatch --parsable</c> (and <c>--wait</c> to block until the array has finished).</summary>
public static class SlurmSubmitter
{
    /// <summary>
    /// Runs <paramref name="sbatch"/> (a path or a name on PATH) on <paramref name="script"/>. Cancelling while waiting
    /// stops waiting (the job keeps running on the cluster).
    /// </summary>
    /// <exception cref="InputException">sbatch is missing or refuses the job (its error line is in the message).</exception>
    public static async Task<SlurmJob> SubmitAsync(string script, string sbatch, bool wait, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(sbatch) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("--parsable");
        if (wait) psi.ArgumentList.Add("--wait");
        psi.ArgumentList.Add(script);
        Process process;
        try { process = Process.Start(psi) ?? throw new Win32Exception("no process"); }
        catch (Win32Exception ex) { throw new InputException($"--sbatch {sbatch}: cannot start it ({ex.Message}); install Slurm's client (apt-get install slurm-client) or write the script only with --dry-run", ex); }
        using (process)
        {
            process.StandardInput.Close();
            var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            var first = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            var jobId = first?.Split(';')[0];
            if (string.IsNullOrEmpty(jobId) || !jobId.All(char.IsAsciiDigit))
            {
                var line = Execution.RunExecutor.ErrorLine(stderr) ?? $"exit code {process.ExitCode}, no job id printed";
                throw new InputException($"sbatch refused {script}: {line}");
            }
            return new SlurmJob(jobId, wait, process.ExitCode);
        }
    }
}
