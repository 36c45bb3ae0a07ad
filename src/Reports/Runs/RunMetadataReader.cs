using System.Globalization;
using System.Text.Json;
using Collapse.Theory;

namespace Collapse.Reports.Runs;

/// <summary>
/// Reads what a run folder says about itself: <c>run.json</c> (written by <c>collapse deep train</c>: dataset, model,
/// optimiser settings, seed, …) and <c>manifest.json</c> (a run folder of .npy exports: source, K, d, exported epochs).
/// Both are optional; a file that is present but not valid JSON is an <see cref="InputException"/>.
/// </summary>
public static class RunMetadataReader
{
    /// <summary>File name of a training run's description.</summary>
    public const string RunFile = "run.json";

    /// <summary>File name of a run folder's manifest of exported epochs.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>What was read: key → value texts in file order, and K when a file states it.</summary>
    /// <param name="Entries">Key → value (scalars as written, lists joined by commas); run.json first, then manifest.json.</param>
    /// <param name="Classes">K (<c>classes</c>), when stated.</param>
    public sealed record Metadata(IReadOnlyList<KeyValuePair<string, string>> Entries, int? Classes);

    /// <summary>Reads <c>run.json</c> and <c>manifest.json</c> of <paramref name="folder"/> where present.</summary>
    public static Metadata Read(string folder)
    {
        var entries = new List<KeyValuePair<string, string>>();
        int? classes = null;
        var run = Path.Combine(folder, RunFile);
        if (File.Exists(run))
        {
            using var doc = Parse(run);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (Scalar(p.Value) is { Length: > 0 } text) entries.Add(new(p.Name, text));
            classes ??= Classes(doc.RootElement, run);
        }
        var manifest = Path.Combine(folder, ManifestFile);
        if (File.Exists(manifest))
        {
            using var doc = Parse(manifest);
            var root = doc.RootElement;
            foreach (var key in new[] { "source", "classes", "featureDim" })
                if (root.TryGetProperty(key, out var v) && Scalar(v) is { Length: > 0 } text && !entries.Any(e => e.Key == key))
                    entries.Add(new(key, text));
            if (root.TryGetProperty("epochs", out var epochs) && epochs.ValueKind == JsonValueKind.Array)
                entries.Add(new("exportedEpochs", epochs.GetArrayLength().ToString(CultureInfo.InvariantCulture)));
            classes ??= Classes(root, manifest);
        }
        return new Metadata(entries, classes);
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new InputException($"{path}: expected a JSON object");
            }
            return doc;
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}: not valid JSON ({ex.Message.Split('\n')[0]})", ex);
        }
    }

    private static int? Classes(JsonElement root, string path)
    {
        if (!root.TryGetProperty("classes", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var k) || k < 1)
            throw new InputException($"{path}: 'classes' must be a positive integer");
        return k;
    }

    /// <summary>A scalar or a list of scalars as text; null for null, objects and nested lists.</summary>
    private static string? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array when v.EnumerateArray().All(e => e.ValueKind is JsonValueKind.Number or JsonValueKind.String) =>
            string.Join(",", v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => null,
    };
}
