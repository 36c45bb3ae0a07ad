using System.Text.Json;

namespace Collapse.Sweeps.Merging;

/// <summary>
/// Flattens a run's JSON result into table cells: nested objects become dotted keys (<c>final.nc1</c>); numbers keep
/// the command's own text (shortest round trip, so merged tables compare byte for byte); null becomes an empty cell.
/// A list of objects that carry an id (<c>claimId</c>, <c>id</c> or <c>name</c>) — e.g. claim verdicts — becomes one
/// group of columns per element (<c>claims.ramp-sandwich.verdict</c>); other lists are left out (they stay in result.json),
/// and so are wall-clock keys (<see cref="TimingKeys"/>).
/// </summary>
public static class ResultFlattener
{
    private static readonly string[] IdKeys = ["claimId", "id", "name"];

    /// <summary>
    /// Keys left out at any depth: wall-clock measurements, which differ between two runs of the same point (they are in
    /// sweep-status.csv and result.json), so that an interrupted and an uninterrupted sweep merge to identical tables.
    /// </summary>
    public static readonly IReadOnlySet<string> TimingKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "elapsedSeconds", "wallSeconds", "stepsPerSecond",
    };

    /// <summary>The cells of <paramref name="result"/>, in document order, without the keys in <paramref name="exclude"/>
    /// (a key excludes itself and everything below it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonElement result, IReadOnlyCollection<string> exclude)
    {
        var cells = new List<KeyValuePair<string, string>>();
        Walk(result, "", exclude, cells);
        return cells;
    }

    private static void Walk(JsonElement e, string prefix, IReadOnlyCollection<string> exclude, List<KeyValuePair<string, string>> cells)
    {
        if (prefix.Length > 0 && (exclude.Contains(prefix) || TimingKeys.Contains(prefix[(prefix.LastIndexOf('.') + 1)..]))) return;
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    Walk(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}", exclude, cells);
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || IdOf(item) is null) return;
                }
                foreach (var item in e.EnumerateArray())
                {
                    var id = IdOf(item)!;
                    var itemPrefix = $"{prefix}.{id}";
                    if (exclude.Contains(itemPrefix)) continue;
                    foreach (var p in item.EnumerateObject())
                        if (!IdKeys.Contains(p.Name)) Walk(p.Value, $"{itemPrefix}.{p.Name}", exclude, cells);
                }
                break;
            case JsonValueKind.Number:
                cells.Add(new(prefix, e.GetRawText()));
                break;
            case JsonValueKind.String:
                cells.Add(new(prefix, e.GetString()!));
                break;
            case JsonValueKind.True:
                cells.Add(new(prefix, "true"));
                break;
            case JsonValueKind.False:
                cells.Add(new(prefix, "false"));
                break;
            default:
                cells.Add(new(prefix, ""));
                break;
        }
    }

    private static string? IdOf(JsonElement item)
    {
        foreach (var key in IdKeys)
            if (item.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) return s;
        return null;
    }
}
