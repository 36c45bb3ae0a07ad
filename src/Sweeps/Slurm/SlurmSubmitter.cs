using System.ComponentModel;
using System.Diagnostics;
using Collapse.Theory;

namespace Collapse.Sweeps.Slurm;

/// <summary>
/// Submits a script with <c>sbatch --parsable</c> and, on request, waits for the array: until every submitted run
/// has written its status, or <c>squeue</c> no longer lists the job (a task that died without a status). Polling once a
/// second returns within about a second of the last task, where <c>sbatch --wait</c> backs off to half a minute.
/// </summary>
public static class SlurmSubmitter
{
    /// <summary>Runs <paramref name="sbatch"/> (a path or a name on PATH) on <paramref name="script"/>; returns the job id.</summary>
    /// <exception cref="InputException">sbatch is missing or refuses the job (its error line is in the message).</exception>
    public static async Task<string> SubmitAsync(string script, string sbatch, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync(sbatch, ["--parsable", script], cancellationToken).ConfigureAwait(false)
            ?? throw new InputException($"--sbatch {sbatch}: cannot start it; install Slurm's client (apt-get install slurm-client) or write the script only with --dry-run");
        var first = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var jobId = first?.Split(';')[0];
        if (code != 0 || string.IsNullOrEmpty(jobId) || !jobId.All(char.IsAsciiDigit))
        {
            var line = Execution.RunExecutor.ErrorLine(stderr) ?? $"exit code {code}, no job id printed";
            throw new InputException($"sbatch refused {script}: {line}");
        }
        return jobId;
    }

    /// <summary>
    /// Waits until <paramref name="finished"/> says every submitted run has a status, or <paramref name="squeue"/>
    /// no longer lists job <paramref name="jobId"/>; checks every <paramref name="poll"/>.
    /// </summary>
    /// <exception cref="InputException">squeue cannot be started while runs are still missing.</exception>
    public static async Task WaitAsync(string jobId, string squeue, Func<bool> finished, TimeSpan poll, CancellationToken cancellationToken)
    {
        while (!finished())
        {
            var listed = await RunAsync(squeue, ["-h", "-j", jobId, "-o", "%i"], cancellationToken).ConfigureAwait(false)
                ?? throw new InputException($"{squeue}: cannot start it to follow job {jobId}; merge once the array has finished");
            // Exit 0 with no lines: the job left the queue. A non-zero exit ("Invalid job id"): it was purged.
            if (listed.Code != 0 || listed.Stdout.Trim().Length == 0)
            {
                if (!finished()) await Task.Delay(poll, cancellationToken).ConfigureAwait(false); // a last status may still be moving into place
                return;
            }
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>squeue</c> beside a given sbatch path, else <c>squeue</c> on PATH.</summary>
    public static string SqueueBeside(string sbatch)
    {
        var dir = Path.GetDirectoryName(sbatch);
        if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "squeue"))) return Path.Combine(dir, "squeue");
        return "squeue";
    }

    private static async Task<(int Code, string Stdout, string Stderr)?> RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi) ?? throw new Win32Exception("no process"); }
        catch (Win32Exception) { return null; }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
