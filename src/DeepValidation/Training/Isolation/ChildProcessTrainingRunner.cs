using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Collapse.DeepValidation.Data;
using Collapse.Theory;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// Runs each batch of trainings in child <c>collapse</c> processes (<c>collapse deep run-trainings DIR --from I
/// --attempt A</c>, see <see cref="TrainingBatchWorker"/>), so that a native fault in libtorch (a SIGSEGV cannot be
/// caught in-process) kills a child, not the caller. The parent writes the batch folder (<see cref="TrainingBatch"/>),
/// starts one child for all jobs, and reads each result as the child reports it. When a child is killed by a signal
/// during job m, the jobs before m are kept and a new child continues from m: each job gets at most
/// <see cref="MaxAttempts"/> attempts, after which <see cref="TrainingCrashedException"/> names the signal. One child
/// per batch, not per training, because starting <c>collapse</c> with libtorch costs about 0.35 s, as much as one
/// training of the permutation claim.
/// </summary>
public sealed class ChildProcessTrainingRunner : ITrainingRunner
{
    /// <summary>Attempts per training: the first run and one retry.</summary>
    public const int MaxAttempts = 2;

    private readonly Func<IReadOnlyList<string>, ProcessStartInfo> _startInfo;

    /// <summary>
    /// Creates the runner. <paramref name="startInfo"/> turns the arguments after <c>collapse</c> into a start info
    /// for the <c>collapse</c> executable (the CLI passes the sweep executor's launcher, <c>CommandLauncher.StartInfo</c>).
    /// </summary>
    /// <param name="startInfo">Start info for <c>collapse ARGS</c>.</param>
    /// <param name="threads">libtorch CPU threads in the child (0 = its default, as in the parent).</param>
    /// <param name="log">Receives one line per retried child (e.g. "training 5 of 48 was killed by SIGSEGV; retrying it in a new process"), or null.</param>
    public ChildProcessTrainingRunner(Func<IReadOnlyList<string>, ProcessStartInfo> startInfo, int threads = 0, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads));
        _startInfo = startInfo;
        Threads = threads;
        Log = log;
    }

    /// <summary>libtorch CPU threads in the child (0 = default).</summary>
    public int Threads { get; }

    /// <summary>Receives a line per retried child.</summary>
    public Action<string>? Log { get; }

    /// <summary>Folder under which batch folders are created (default: the system temporary folder).</summary>
    public string WorkRoot { get; init; } = Path.Combine(Path.GetTempPath(), "collapse-trainings");

    /// <summary>The arguments after <c>collapse</c> of the child that trains jobs <paramref name="from"/>… of <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Arguments(string folder, int from, int attempt) =>
        ["deep", "run-trainings", folder, "--from", I(from), "--attempt", I(attempt)];

    /// <summary>Children killed by a signal and retried since this runner was created (for diagnostics and tests).</summary>
    public int Retries => _retries;

    private int _retries;

    /// <inheritdoc />
    public IReadOnlyList<TrainingResult> TrainAll(DataSplit data, IReadOnlyList<TrainingOptions> jobs, Action<int, TrainingResult>? onResult = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0) return [];
        foreach (var j in jobs) j.Validate();
        var folder = Path.Combine(WorkRoot, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(folder);
        try
        {
            DataSplitFile.Write(TrainingBatch.DataFile(folder), data);
            File.WriteAllText(TrainingBatch.JobsFile(folder), TrainingJson.Serialize(jobs));
            TrainingBatch.WriteThreads(folder, Threads);
            var results = new TrainingResult?[jobs.Count];
            var failures = new int[jobs.Count];
            var next = 0;
            while (true)
            {
                var (code, stderr) = RunChild(folder, next, failures[next] + 1, results, onResult);
                while (next < jobs.Count && results[next] is not null) next++;
                if (next == jobs.Count) return results!;
                if (ChildExit.Signal(code) is int signal)
                {
                    var name = ChildExit.SignalName(signal);
                    if (ChildExit.IsInterruption(signal)) throw new OperationCanceledException($"the training process was stopped by {name}");
                    failures[next]++;
                    if (failures[next] >= MaxAttempts) throw new TrainingCrashedException(next, jobs.Count, jobs[next], name, failures[next]);
                    Interlocked.Increment(ref _retries);
                    Log?.Invoke($"training {next + 1} of {jobs.Count} ({TrainingCrashedException.Describe(jobs[next])}) was killed by {name}; retrying it in a new process");
                    continue;
                }
                var line = ErrorLine(stderr);
                if (code == 2 && line is not null && line.StartsWith("error: ", StringComparison.Ordinal)) throw new InputException(line["error: ".Length..]);
                throw new InvalidOperationException($"the training process for training {next + 1} of {jobs.Count} exited with code {code}{(line is null ? " and no message" : $": {line}")}");
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Starts one child for jobs <paramref name="from"/>…, collects its results as it reports them, returns its exit code and stderr.</summary>
    private (int Code, string Stderr) RunChild(string folder, int from, int attempt, TrainingResult?[] results, Action<int, TrainingResult>? onResult)
    {
        var psi = _startInfo(Arguments(folder, from, attempt));
        psi.UseShellExecute = false;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"could not start the training process {psi.FileName}: {ex.Message}", ex);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                for (var line = process.StandardOutput.ReadLine(); line is not null; line = process.StandardOutput.ReadLine())
                    if (TrainingBatch.ParseDone(line) is int i && i >= 0 && i < results.Length && results[i] is null)
                        Collect(folder, i, results, onResult);
                process.WaitForExit();
            }
            catch
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            // A result written just before the child died, whose line did not make it: take it too (in order).
            for (var i = from; i < results.Length && results[i] is null && File.Exists(TrainingBatch.ResultFile(folder, i)); i++)
                Collect(folder, i, results, onResult);
            return (process.ExitCode, stderr.GetAwaiter().GetResult());
        }
    }

    private static void Collect(string folder, int index, TrainingResult?[] results, Action<int, TrainingResult>? onResult)
    {
        var result = TrainingJson.DeserializeResult(File.ReadAllText(TrainingBatch.ResultFile(folder, index)));
        results[index] = result;
        onResult?.Invoke(index, result);
    }

    /// <summary>The line of a child's stderr that explains its failure: the last <c>error:</c>/<c>internal error:</c> line, else the last non-empty line.</summary>
    private static string? ErrorLine(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("internal error:", StringComparison.Ordinal))
               ?? lines.LastOrDefault();
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
