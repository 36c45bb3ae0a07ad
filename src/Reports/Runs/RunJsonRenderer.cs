using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Collapse.Reports.Rendering;
using Collapse.Theory.IO;

namespace Collapse.Reports.Runs;

/// <summary>
/// Renders a <see cref="RunReport"/> as <c>results.json</c> (schema <see cref="Schema"/>, documented in
/// docs/deep-validation.md): the runs with their metadata, claims and γ_kl matrix, and every panel with all its points
/// (<c>{key, plot}</c>, the plot object as in the claims report's JSON). Keys camelCase; non-finite numbers are <c>null</c>.
/// </summary>
public static class RunJsonRenderer
{
    /// <summary>Schema identifier written as the <c>schema</c> key.</summary>
    public const string Schema = "collapse-run-report/1";

    /// <summary>Renders the JSON document (indented).</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("title", report.Title);
            w.WriteBoolean("anyClaimFails", report.AnyClaimFails);
            w.WriteNumber("exitCode", report.AnyClaimFails ? 1 : 0);
            w.WriteStartArray("runs");
            foreach (var r in report.Runs)
            {
                w.WriteStartObject();
                w.WriteString("label", r.Label);
                w.WriteString("folder", r.Folder);
                w.WriteNumber("epochCount", r.Epochs.Epochs.Count);
                w.WriteNumber("firstEpoch", r.Epochs.Epochs[0]);
                w.WriteNumber("lastEpoch", r.Epochs.Epochs[^1]);
                if (r.TptStart is int t) w.WriteNumber("tptStart", t); else w.WriteNull("tptStart");
                w.WriteStartArray("columns");
                foreach (var c in r.Epochs.ColumnNames) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteStartObject("metadata");
                foreach (var kv in r.Metadata) w.WriteString(kv.Key, kv.Value);
                w.WriteEndObject();
                if (r.Claims is null) w.WriteNull("claims");
                else
                {
                    w.WriteStartArray("claims");
                    foreach (var c in r.Claims)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", c.Id);
                        w.WriteString("verdict", ReportFormat.Verdict(c.Verdict));
                        w.WriteFiniteOrNull("measured", c.Measured);
                        w.WriteFiniteOrNull("expected", c.Expected);
                        w.WriteFiniteOrNull("tolerance", c.Tolerance);
                        w.WriteString("detail", c.Detail);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                if (r.Gamma is not { } g) w.WriteNull("gamma");
                else
                {
                    w.WriteStartObject("gamma");
                    w.WriteNumber("epoch", g.Epoch);
                    w.WriteNumber("classes", g.Classes);
                    w.WriteStartArray("matrix");
                    for (var k = 0; k < g.Classes; k++)
                    {
                        w.WriteStartArray();
                        for (var l = 0; l < g.Classes; l++) w.WriteFiniteOrNullValue(g.Values[k, l]);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("worst");
                    foreach (var p in g.Worst(GammaHeatmap.WorstCount))
                    {
                        w.WriteStartObject();
                        w.WriteNumber("k", p.K);
                        w.WriteNumber("l", p.L);
                        w.WriteFiniteOrNull("gamma", p.Gamma);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("panels");
            for (var i = 0; i < report.Panels.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("key", report.PanelKeys[i]);
                w.WritePropertyName("plot");
                JsonRenderer.Plot(w, report.Panels[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("omittedPanels");
            foreach (var o in report.OmittedPanels) w.WriteStringValue(o);
            w.WriteEndArray();
            var e = report.Environment;
            w.WriteStartObject("environment");
            w.WriteString("collapseVersion", e.CollapseVersion);
            w.WriteString("gitCommit", e.GitCommit);
            w.WriteString("dotnet", e.DotnetVersion);
            w.WriteString("os", e.Os);
            w.WriteString("machine", e.Machine);
            w.WriteString("commandLine", e.CommandLine);
            w.WriteString("startedUtc", e.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
