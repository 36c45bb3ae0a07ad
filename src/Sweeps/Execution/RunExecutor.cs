using System.ComponentModel;
using System.Diagnostics;
using Collapse.Sweeps.Planning;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// Executes one run: takes the run's lock, skips it if already done, starts <c>collapse</c> with the run's command
/// line (plus <c>--json</c> or <c>--out RUN/out</c>), captures stdout and stderr to the run folder, writes the result
/// (<c>result.json</c>) atomically, and writes <c>status.json</c> last. A run killed before that leaves no status and
/// is redone by the next executor; a failing run never touches the other runs' folders.
/// </summary>
public static class RunExecutor
{
    /// <summary>Environment variables that bound a run's threads when <c>threads</c> is given (only those not already set).</summary>
    public static readonly IReadOnlyList<string> ThreadVariables = ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "DOTNET_PROCESSOR_COUNT"];

    /// <summary>Longest error line kept in status.json.</summary>
    public const int MaxErrorLine = 500;

    /// <summary>
    /// Executes <paramref name="run"/> of <paramref name="plan"/> with <paramref name="collapse"/>; <paramref name="threads"/>
    /// bounds the threads of the command (see <see cref="ThreadVariables"/>). Cancelling kills the command and leaves
    /// the run unfinished (no status), then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<RunOutcome> ExecuteAsync(SweepPlan plan, PlannedRun run, CommandLauncher collapse, int? threads, CancellationToken cancellationToken)
    {
        var runDir = plan.RunDir(run);
        Directory.CreateDirectory(runDir);
        var configPath = SweepLayout.ConfigFile(runDir);
        if (!File.Exists(configPath)) run.Config.Write(configPath);

        using var held = await RunLock.AcquireAsync(SweepLayout.LockFile(runDir), cancellationToken).ConfigureAwait(false);
        if (RunStatus.Read(runDir) is { State: RunState.Done } done) return new RunOutcome(run, done, Skipped: true);

        // A previous attempt may have left a failed status, a result or a partial out/ folder: clear them, status first.
        TryDelete(SweepLayout.StatusFile(runDir));
        TryDelete(SweepLayout.ResultFile(runDir));
        var outDir = SweepLayout.OutDir(runDir);
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        if (run.Config.Result == ResultMode.Summary) Directory.CreateDirectory(outDir);

        var psi = collapse.StartInfo(run.Config.Arguments(runDir), plan.Spec.WorkingDirectory);
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment["COLLAPSE_SWEEP_RUN"] = run.Id;
        if (threads is { } t)
            foreach (var name in ThreadVariables)
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) psi.Environment[name] = t.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var stdoutTmp = Path.Combine(runDir, ".stdout.tmp");
        var stderrTmp = Path.Combine(runDir, ".stderr.tmp");
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("Process.Start returned no process");
        }
        catch (Win32Exception ex)
        {
            return Finish(runDir, run, new RunStatus(RunState.Failed, null, Truncate($"cannot start {psi.FileName}: "
                + $"{ex.Message}"), Math.Round(clock.Elapsed.TotalSeconds, 3), Environment.MachineName, DateTimeOffset.UtcNow));
        }

        int exitCode;
        var cancelled = false;
        using (process)
        {
            process.StandardInput.Close();
            await using (var stdout = new FileStream(stdoutTmp, FileMode.Create, FileAccess.Write, FileShare.Read))
            await using (var stderr = new FileStream(stderrTmp, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
                var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
                var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr, CancellationToken.None);
                try
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    cancelled = true;
                }
                await Task.WhenAll(copyOut, copyErr).ConfigureAwait(false);
            }
            exitCode = cancelled ? -1 : process.ExitCode;
        }
        if (cancelled)
        {
            // Unfinished: no status, no partial outputs left behind.
            TryDelete(stdoutTmp);
            TryDelete(stderrTmp);
            throw new OperationCanceledException(cancellationToken);
        }
        var wall = Math.Round(clock.Elapsed.TotalSeconds, 3); // as stored in status.json
        File.Move(stdoutTmp, SweepLayout.StdoutFile(runDir), overwrite: true);
        File.Move(stderrTmp, SweepLayout.StderrFile(runDir), overwrite: true);

        var (result, problem) = ReadResult(run.Config.Result, runDir);
        var stderrText = File.ReadAllText(SweepLayout.StderrFile(runDir));
        RunStatus status;
        if (exitCode is 0 or 1 && result is not null)
        {
            AtomicFile.Write(SweepLayout.ResultFile(runDir), s => s.Write(result));
            status = new RunStatus(RunState.Done, exitCode, null, wall, Environment.MachineName, DateTimeOffset.UtcNow);
        }
        else
        {
            var line = ErrorLine(stderrText) ?? (exitCode is 0 or 1 ? problem : null) ?? $"exit code {exitCode}";
            status = new RunStatus(RunState.Failed, exitCode, Truncate(line), wall, Environment.MachineName, DateTimeOffset.UtcNow);
        }
        return Finish(runDir, run, status);
    }

    private static RunOutcome Finish(string runDir, PlannedRun run, RunStatus status)
    {
        status.Write(runDir);
        return new RunOutcome(run, status, Skipped: false);
    }

    /// <summary>The result bytes (validated as one JSON object), or null and why not.</summary>
    private static (byte[]? Bytes, string? Problem) ReadResult(ResultMode mode, string runDir)
    {
        var (path, name) = mode == ResultMode.Json
            ? (SweepLayout.StdoutFile(runDir), "stdout")
            : (Path.Combine(SweepLayout.OutDir(runDir), ResultModes.SummaryFile), "out/" + ResultModes.SummaryFile);
        if (!File.Exists(path)) return (null, $"no result: the command wrote no {name}");
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).Length == 0) return (null, $"no result: {name} is empty");
        try
        {
            using var doc = SweepJson.ParseObject(bytes, name);
        }
        catch (InputException ex)
        {
            return (null, $"no result: {ex.Message}");
        }
        return (bytes, null);
    }

    /// <summary>
    /// The line of <paramref name="stderr"/> that explains a failure: the last <c>error:</c> line, else the first line of an
    /// unhandled exception, else the last non-empty line; null for empty stderr.
    /// </summary>
    public static string? ErrorLine(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return null;
        return lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal))
            ?? lines[^1];
    }

    private static string Truncate(string line)
    {
        var one = line.ReplaceLineEndings(" ");
        return one.Length <= MaxErrorLine ? one : one[..(MaxErrorLine - 1)] + "…";
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }
}
