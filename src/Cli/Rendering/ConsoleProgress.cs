using Spectre.Console;

namespace Collapse.Cli.Rendering;

/// <summary>
/// The console helpers every long command shares: whether to draw a Spectre.Console progress bar (a real terminal)
/// or print plain lines (redirected output, logs, CI), the bar itself, and the two progress adapters.
/// </summary>
public static class ConsoleProgress
{
    /// <summary>True when <paramref name="output"/> is the console of an interactive terminal (draw a bar), false when
    /// output is redirected or captured (print lines).</summary>
    public static bool Interactive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under one progress bar named <paramref name="description"/> with
    /// <paramref name="maxValue"/> steps; <paramref name="remainingTime"/> shows an estimate instead of the elapsed time.</summary>
    public static T WithBar<T>(string description, double maxValue, Func<ProgressTask, T> work, bool remainingTime = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        ProgressColumn clock = remainingTime ? new RemainingTimeColumn() : new ElapsedTimeColumn();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), clock, new SpinnerColumn())
            .Start(ctx => result = work(ctx.AddTask(description, maxValue: Math.Max(1, maxValue))));
        return result;
    }
}

/// <summary>Non-interactive progress: one line per report that <c>line</c> turns into text (null: nothing),
/// flushed at once; safe to report from several threads.</summary>
/// <typeparam name="T">The progress value.</typeparam>
public sealed class LineProgress<T>(TextWriter output, Func<T, string?> line) : IProgress<T>
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void Report(T value)
    {
        var text = line(value);
        if (text is null) return;
        lock (_gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}

/// <summary>Interactive progress: <c>update</c> moves the bar (and may print a line above it) for each report.</summary>
/// <typeparam name="T">The progress value.</typeparam>
public sealed class BarProgress<T>(ProgressTask task, Action<ProgressTask, T> update) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => update(task, value);
}
