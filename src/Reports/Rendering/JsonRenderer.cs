using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Collapse.Reports.Model;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ClaimReport"/> as <c>results.json</c> (schema <see cref="Schema"/>, documented in
/// docs/report.md). Keys are camelCase; a non-finite number (NaN, ±∞) is written as <c>null</c>, as in every
/// Collapse JSON output (docs/cli.md); plot series keep every point.
/// </summary>
public static class JsonRenderer
{
    /// <summary>Schema identifier written as the <c>schema</c> key.</summary>
    public const string Schema = "collapse-report/1";

    /// <summary>Renders the JSON document (indented, UTF-8 text).</summary>
    public static string Render(ClaimReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var s = report.Summary;
            var e = report.Environment;
            var st = report.Settings;
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("title", report.Title);
            w.WriteString("mode", st.Falsify ? "falsify" : "check");
            if (st.Falsify)
            {
                var f = report.Falsifiers;
                w.WriteBoolean("allCaught", f.AllCaught);
                w.WriteNumber("exitCode", report.Passed ? 0 : 1);
                w.WriteStartObject("summary");
                w.WriteNumber("claims", f.Claims);
                w.WriteNumber("falsifiers", f.Declared);
                w.WriteNumber("caught", f.Caught);
                w.WriteNumber("notCaught", f.Declared - f.Caught);
                w.WriteStartArray("notCaughtFalsifiers");
                foreach (var n in f.NotCaught) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteStartArray("claimsWithoutFalsifier");
                foreach (var id in f.Pending) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteBoolean("allHold", s.AllHold);
                w.WriteNumber("exitCode", s.AllHold ? 0 : 1);
                w.WriteStartObject("summary");
                w.WriteNumber("total", s.Total);
                w.WriteNumber("holds", s.Holds);
                w.WriteNumber("fails", s.Fails);
                w.WriteNumber("inconclusive", s.Inconclusive);
                w.WriteNumber("evidence", s.Evidence);
                w.WriteNumber("definitions", s.Definitions);
                w.WriteStartObject("byKind");
                foreach (var kv in s.ByKind) w.WriteNumber(ReportFormat.Kind(kv.Key), kv.Value);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteStartObject("settings");
            w.WriteString("profile", st.Profile);
            w.WriteBoolean("falsify", st.Falsify);
            w.WriteNumber("seed", st.Seed);
            w.WriteNumber("cases", st.Cases);
            w.WriteStartArray("claimFilter");
            foreach (var f in st.ClaimFilter) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartObject("parameterOverrides");
            foreach (var kv in st.ParameterOverrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(kv.Key);
                Map(w, kv.Value);
            }
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("environment");
            w.WriteString("collapseVersion", e.CollapseVersion);
            w.WriteString("gitCommit", e.GitCommit);
            w.WriteString("dotnet", e.DotnetVersion);
            w.WriteString("os", e.Os);
            w.WriteString("architecture", e.Architecture);
            w.WriteString("machine", e.Machine);
            w.WriteString("cpu", e.Cpu);
            w.WriteNumber("logicalCores", e.LogicalCores);
            w.WriteString("gpu", e.Gpu);
            w.WriteNumber("memoryBytes", e.MemoryBytes);
            w.WritePropertyName("components");
            Map(w, e.Components);
            w.WriteString("commandLine", e.CommandLine);
            w.WriteString("startedUtc", e.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteFiniteOrNull("wallSeconds", report.WallSeconds);
            w.WriteEndObject();

            w.WriteStartArray("claims");
            foreach (var c in report.Sections) Claim(w, c);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Claim(Utf8JsonWriter w, ClaimSection c)
    {
        var r = c.Result;
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("kind", ReportFormat.Kind(c.Kind));
        w.WriteString("source", c.Source);
        w.WriteString("statement", c.Statement);
        w.WriteString("verdict", ReportFormat.Verdict(c.Verdict));
        w.WritePropertyName("parameters");
        Map(w, r.Parameters);
        w.WriteFiniteOrNull("measured", r.Measured);
        w.WriteFiniteOrNull("expected", r.Expected);
        w.WriteFiniteOrNull("tolerance", r.Tolerance);
        w.WriteNumber("seed", r.Seed);
        w.WriteString("detail", r.Detail);
        if (r.Cases is { } cases)
        {
            w.WriteStartObject("cases");
            w.WriteNumber("checked", cases.Checked);
            w.WriteNumber("skipped", cases.Skipped);
            if (cases.Informative is int informative) w.WriteNumber("informative", informative); else w.WriteNull("informative");
            w.WriteFiniteOrNull("informativeFraction", cases.InformativeFraction);
            w.WriteFiniteOrNull("medianTightness", cases.MedianTightness);
            w.WriteFiniteOrNull("medianSlack", cases.MedianSlack);
            w.WriteEndObject();
        }
        w.WritePropertyName("references");
        Strings(w, c.Info?.References ?? []);
        w.WriteStartArray("falsifiers");
        if (c.FalsifierRuns.Count > 0)
            foreach (var run in c.FalsifierRuns) FalsifierRunJson(w, run);
        else
            foreach (var f in c.Info?.Falsifiers ?? []) { w.WriteStartObject(); FalsifierJson(w, f); w.WriteEndObject(); }
        w.WriteEndArray();
        if (c.FalsifyingInstance is null) w.WriteNull("falsifyingInstance"); else w.WriteString("falsifyingInstance", c.FalsifyingInstance);
        if (c.Error is null) w.WriteNull("error"); else w.WriteString("error", c.Error);
        w.WriteString("replay", c.Replay);
        w.WriteFiniteOrNull("wallSeconds", c.WallSeconds);
        w.WriteStartArray("plots");
        foreach (var p in c.Plots) Plot(w, p);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void FalsifierJson(Utf8JsonWriter w, Falsifier f)
    {
        w.WriteString("name", f.Name);
        w.WriteString("broken", f.Broken);
        w.WritePropertyName("overrides");
        Map(w, f.Overrides);
    }

    private static void FalsifierRunJson(Utf8JsonWriter w, FalsifierRun run)
    {
        var r = run.Outcome.Result;
        w.WriteStartObject();
        FalsifierJson(w, run.Falsifier);
        w.WriteBoolean("caught", run.Caught);
        w.WriteString("verdict", ReportFormat.Verdict(r.Verdict));
        w.WriteFiniteOrNull("measured", r.Measured);
        w.WriteFiniteOrNull("expected", r.Expected);
        w.WriteFiniteOrNull("tolerance", r.Tolerance);
        w.WriteNumber("seed", r.Seed);
        w.WriteString("detail", r.Detail);
        w.WriteString("replay", run.Replay);
        w.WriteFiniteOrNull("wallSeconds", run.Outcome.WallSeconds);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, IEnumerable<string> values)
    {
        w.WriteStartArray();
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>Writes one plot object (shared with the run report's JSON).</summary>
    internal static void Plot(Utf8JsonWriter w, PlotSpec p)
    {
        w.WriteStartObject();
        w.WriteString("title", p.Title);
        w.WriteString("xLabel", p.XLabel);
        w.WriteString("yLabel", p.YLabel);
        w.WriteBoolean("logX", p.LogX);
        w.WriteBoolean("logY", p.LogY);
        if (p.Caption is null) w.WriteNull("caption"); else w.WriteString("caption", p.Caption);
        w.WriteStartArray("markers");
        foreach (var m in p.Markers)
        {
            w.WriteStartObject();
            w.WriteFiniteOrNull("x", m.X);
            w.WriteString("label", m.Label);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("series");
        foreach (var s in p.Series)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("style", s.Style.ToString().ToLowerInvariant());
            w.WriteStartArray("x");
            foreach (var x in s.X) w.WriteFiniteOrNullValue(x);
            w.WriteEndArray();
            w.WriteStartArray("y");
            foreach (var y in s.Y) w.WriteFiniteOrNullValue(y);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter w, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject();
        foreach (var kv in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(kv.Key, kv.Value);
        w.WriteEndObject();
    }
}
