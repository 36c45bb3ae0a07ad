using System.Globalization;
using System.Text;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Where the CLI's last line of defence (<see cref="CliApp"/>) writes the full trace of an unexpected exception:
/// <c>DIR/error.log</c> in the command's output folder when that folder exists (after the failed command's outputs
/// were removed, i.e. a folder that existed before), otherwise
/// <c>$XDG_STATE_HOME/collapse/error-YYYYMMDD-HHMMSS-PID.log</c> (<c>~/.local/state/collapse/…</c> without
/// <c>XDG_STATE_HOME</c>), falling back to the temporary folder (<c>/tmp/collapse-errors/…</c>).
/// </summary>
public static class ErrorLog
{
    /// <summary>File name of the log inside an output folder.</summary>
    public const string FileName = "error.log";

    /// <summary>
    /// Writes the log for <paramref name="error"/> raised by <c>collapse <paramref name="args"/></c> and returns its path,
    /// or null when no location could be written.
    /// </summary>
    public static string? Write(Exception error, IReadOnlyList<string> args, string? outputFolder)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(args);
        var text = Format(error, args);
        foreach (var path in Candidates(outputFolder))
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, new UTF8Encoding(false));
                return path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                // try the next location
            }
        }
        return null;
    }

    /// <summary>The log text: time, version, command line, runtime, and the exception with its inner exceptions and stack traces.</summary>
    public static string Format(Exception error, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(args);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"time: {DateTimeOffset.UtcNow:O}\n");
        sb.Append(CultureInfo.InvariantCulture, $"collapse: {typeof(ErrorLog).Assembly.GetName().Version?.ToString(3) ?? "?"}\n");
        sb.Append(CultureInfo.InvariantCulture, $"command: collapse {string.Join(' ', args)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"working directory: {Environment.CurrentDirectory}\n");
        sb.Append(CultureInfo.InvariantCulture, $"runtime: .NET {Environment.Version} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}\n\n");
        sb.Append(error).Append('\n');
        return sb.ToString();
    }

    private static IEnumerable<string> Candidates(string? outputFolder)
    {
        if (outputFolder is not null && Directory.Exists(outputFolder)) yield return Path.Combine(outputFolder, FileName);
        var name = string.Create(CultureInfo.InvariantCulture, $"error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home)) state = Path.Combine(home, ".local", "state");
        }
        if (!string.IsNullOrEmpty(state)) yield return Path.Combine(state, "collapse", name);
        yield return Path.Combine(Path.GetTempPath(), "collapse-errors", name);
    }
}
