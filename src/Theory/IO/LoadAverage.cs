using System.Globalization;

namespace Collapse.Theory.IO;

/// <summary>
/// The 1-minute load average of the machine (first field of <c>/proc/loadavg</c>), which benchmarks print next to their
/// timings because the CPU may be shared.
/// </summary>
public static class LoadAverage
{
    /// <summary>The first field of /proc/loadavg as written there (e.g. "0.52"); null where it cannot be read (off Linux).</summary>
    public static string? OneMinuteText()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The 1-minute load average as a number; NaN where it cannot be read.</summary>
    public static double OneMinute() =>
        OneMinuteText() is { } text && double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
