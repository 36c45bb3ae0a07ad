using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// The child side of <see cref="ChildProcessTrainingRunner"/> (<c>collapse deep run-trainings DIR --from I --attempt A</c>,
/// a hidden command): reads the batch folder (<see cref="TrainingBatch"/>), trains jobs I, I+1, … in order with
/// <see cref="DeepTrainer.Train"/>, writes each result atomically and prints <c>done N</c> after it.
/// </summary>
/// <remarks>
/// Test-only hook: with <c>COLLAPSE_TEST_KILL_TRAINING=SIGNAL[:JOB[:TIMES]]</c> (e.g. <c>SIGSEGV:0:1</c>) the child kills
/// itself with SIGNAL (default disposition, so the parent sees exactly that signal) just before training job JOB
/// (default 0) in its first TIMES attempts (default: every attempt). The tests use it to exercise the retry and the
/// Inconclusive verdict; nothing else sets it.
/// </remarks>
public static class TrainingBatchWorker
{
    /// <summary>The environment variable of the test-only kill hook.</summary>
    public const string KillHookVariable = "COLLAPSE_TEST_KILL_TRAINING";

    /// <summary>Trains jobs <paramref name="from"/>… of the batch in <paramref name="folder"/>; returns the exit code (0).</summary>
    public static int Run(string folder, int from, int attempt, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(stdout);
        if (!Directory.Exists(folder)) throw new InputException($"{folder}: training batch folder not found");
        var data = DataSplitFile.Read(TrainingBatch.DataFile(folder));
        var jobs = TrainingJson.DeserializeJobs(File.ReadAllText(TrainingBatch.JobsFile(folder)));
        if (from < 0 || from >= jobs.Count) throw new InputException($"--from {from}: the batch has jobs 0..{jobs.Count - 1}");
        TorchRuntime.EnsureConfigured(); // before libtorch starts its thread pools (MKL_DYNAMIC, oneDNN ISA)
        var threads = TrainingBatch.ReadThreads(folder);
        if (threads > 0) TorchSharp.torch.set_num_threads(threads);
        var hook = KillHook.FromEnvironment();
        for (var i = from; i < jobs.Count; i++)
        {
            hook?.Before(i, i == from ? attempt : 1);
            var result = DeepTrainer.Train(data, jobs[i]);
            var json = TrainingJson.Serialize(result);
            AtomicFile.Write(TrainingBatch.ResultFile(folder, i), s => s.Write(Encoding.UTF8.GetBytes(json)));
            stdout.WriteLine(TrainingBatch.DoneLine(i));
            stdout.Flush();
        }
        return 0;
    }

    private sealed record KillHook(int Signal, int Job, int Times)
    {
        public static KillHook? FromEnvironment()
        {
            var raw = Environment.GetEnvironmentVariable(KillHookVariable);
            if (string.IsNullOrWhiteSpace(raw)) return null;
            var parts = raw.Split(':');
            var signal = ChildExit.SignalNumber(parts[0]) ?? throw new InputException($"{KillHookVariable}={raw}: unknown signal '{parts[0]}'");
            var job = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            var times = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : int.MaxValue;
            return new KillHook(signal, job, times);
        }

        public void Before(int job, int attempt)
        {
            if (job != Job || attempt > Times) return;
            Console.Out.Flush();
            signal(Signal, IntPtr.Zero); // SIG_DFL: bypass the runtime's handlers so the process dies of exactly this signal
            kill(Environment.ProcessId, Signal);
            Thread.Sleep(Timeout.Infinite);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr signal(int signum, IntPtr handler);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
