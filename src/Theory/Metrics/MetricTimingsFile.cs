using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.IO;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The <c>--timings FILE</c> of a one-process metric run (docs/metrics.md): N, d, K, threads, the total and per-phase
/// seconds of <see cref="MetricEngine"/> with the rows per second of each pass, the peak resident memory of the process,
/// and the screening diagnostics; written atomically.
/// </summary>
public static class MetricTimingsFile
{
    /// <summary>Writes the timings of <paramref name="report"/> (computed in <paramref name="elapsed"/> with <paramref name="threads"/> threads) to <paramref name="path"/>.</summary>
    public static void Write(string path, MetricReport report, TimeSpan elapsed, int threads, long peakMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Engine?.Timings;
        AtomicFile.Write(path, s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteNumber("rows", report.Samples);
            w.WriteNumber("dim", report.Dim);
            w.WriteNumber("classes", report.Classes);
            w.WriteNumber("threads", threads);
            w.WriteNumber("totalSeconds", elapsed.TotalSeconds);
            if (t is not null)
            {
                w.WriteNumber("pass1Seconds", t.Pass1Seconds);
                w.WriteNumber("prepareSeconds", t.PrepareSeconds);
                w.WriteNumber("pass2Seconds", t.Pass2Seconds);
                w.WriteNumber("assembleSeconds", t.AssembleSeconds);
                w.WriteNumber("pass1RowsPerSecond", report.Samples / t.Pass1Seconds);
                w.WriteNumber("pass2RowsPerSecond", report.Samples / t.Pass2Seconds);
            }
            w.WriteNumber("peakMemoryBytes", peakMemoryBytes);
            w.WriteString("screening", report.Engine?.Screening);
            w.WriteNumber("nccRechecks", report.Engine?.NccRechecks ?? 0);
            w.WriteNumber("logitRechecks", report.Engine?.LogitRechecks ?? 0);
            w.WriteEndObject();
        });
    }

    /// <summary>Peak resident memory of this process (VmHWM on Linux, else the peak working set).</summary>
    public static long PeakMemoryBytes()
    {
        try
        {
            if (File.Exists("/proc/self/status"))
                foreach (var l in File.ReadLines("/proc/self/status"))
                    if (l.StartsWith("VmHWM:", StringComparison.Ordinal))
                        return long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
