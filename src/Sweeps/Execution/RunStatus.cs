using System.Globalization;
using System.Text.Json;
using Collapse.Sweeps.Planning;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// The last file a run writes (<c>status.json</c>, temp file then move): its state, the command's exit code, the
/// line that explains a failure, the wall time and where it ran. A run without this file is unfinished.
/// </summary>
/// <param name="State">Done or failed.</param>
/// <param name="ExitCode">The command's exit code; null when it could not be started.</param>
/// <param name="ErrorLine">For a failed run, the one line that says why (the command's <c>error:</c> line, …); else null.</param>
/// <param name="WallSeconds">Wall-clock seconds of the command.</param>
/// <param name="Host">Machine name the run executed on.</param>
/// <param name="FinishedUtc">When it finished (UTC, ISO 8601).</param>
public sealed record RunStatus(RunState State, int? ExitCode, string? ErrorLine, double WallSeconds, string Host, DateTimeOffset FinishedUtc)
{
    /// <summary>Writes status.json of <paramref name="runDir"/> atomically.</summary>
    public void Write(string runDir) => AtomicFile.Write(SweepLayout.StatusFile(runDir), s =>
    {
        using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("state", State == RunState.Done ? "done" : "failed");
        if (ExitCode is { } code) w.WriteNumber("exitCode", code); else w.WriteNull("exitCode");
        if (ErrorLine is { } line) w.WriteString("errorLine", line); else w.WriteNull("errorLine");
        w.WriteNumber("wallSeconds", Math.Round(WallSeconds, 3));
        w.WriteString("host", Host);
        w.WriteString("finishedUtc", FinishedUtc.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });

    /// <summary>Reads status.json of <paramref name="runDir"/>; null when the run has not finished.</summary>
    /// <exception cref="InputException">The file exists but is malformed.</exception>
    public static RunStatus? Read(string runDir)
    {
        var path = SweepLayout.StatusFile(runDir);
        if (!File.Exists(path)) return null;
        using var doc = SweepJson.ReadObject(path);
        var r = doc.RootElement;
        try
        {
            var state = r.GetProperty("state").GetString() switch
            {
                "done" => RunState.Done,
                "failed" => RunState.Failed,
                var s => throw new InputException($"{path}: unknown state '{s}'"),
            };
            int? exit = r.TryGetProperty("exitCode", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
            var error = r.TryGetProperty("errorLine", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            var wall = r.TryGetProperty("wallSeconds", out var ws) && ws.ValueKind == JsonValueKind.Number ? ws.GetDouble() : double.NaN;
            var host = r.TryGetProperty("host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : "";
            var finished = r.TryGetProperty("finishedUtc", out var f) && f.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(f.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue;
            return new RunStatus(state, exit, error, wall, host, finished);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: malformed status: {ex.Message}", ex);
        }
    }

    /// <summary>State of a run folder: pending when it has no status.json.</summary>
    public static RunState StateOf(string runDir) => Read(runDir)?.State ?? RunState.Pending;
}
