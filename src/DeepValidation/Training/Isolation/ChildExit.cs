using System.Globalization;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// How a child process ended. .NET reports a process killed by signal n with exit code 128 + n (as shells do); the
/// <c>collapse</c> tool itself exits with 0–4 (docs/cli.md), so a code above 128 means a signal.
/// </summary>
public static class ChildExit
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP",
        [2] = "SIGINT",
        [3] = "SIGQUIT",
        [4] = "SIGILL",
        [5] = "SIGTRAP",
        [6] = "SIGABRT",
        [7] = "SIGBUS",
        [8] = "SIGFPE",
        [9] = "SIGKILL",
        [10] = "SIGUSR1",
        [11] = "SIGSEGV",
        [12] = "SIGUSR2",
        [13] = "SIGPIPE",
        [14] = "SIGALRM",
        [15] = "SIGTERM",
        [24] = "SIGXCPU",
        [25] = "SIGXFSZ",
        [31] = "SIGSYS",
    };

    /// <summary>The signal number behind <paramref name="exitCode"/>, or null for an ordinary exit.</summary>
    public static int? Signal(int exitCode) => exitCode is > 128 and < 128 + 65 ? exitCode - 128 : null;

    /// <summary>The name of signal <paramref name="signal"/> (<c>SIGSEGV</c>, …; <c>signal N</c> when unnamed).</summary>
    public static string SignalName(int signal) => Names.TryGetValue(signal, out var n) ? n : string.Create(CultureInfo.InvariantCulture, $"signal {signal}");

    /// <summary>The signal number of a name such as <c>SIGSEGV</c> or <c>SEGV</c> (case-insensitive), or null.</summary>
    public static int? SignalNumber(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToUpperInvariant();
        if (!n.StartsWith("SIG", StringComparison.Ordinal)) n = "SIG" + n;
        foreach (var (k, v) in Names) if (v == n) return k;
        return null;
    }

    /// <summary>Whether a child ended by <paramref name="signal"/> was stopped on purpose (interrupt, terminate, hang-up), not by a fault.</summary>
    public static bool IsInterruption(int signal) => signal is 1 or 2 or 15;
}
