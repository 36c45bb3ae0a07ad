using System.Text.Json;
using System.Text.RegularExpressions;
using Collapse.Theory;

namespace Collapse.Sweeps.Specs;

/// <summary>
/// A sweep: a <c>collapse</c> command, its fixed options and the axes it is swept over (the grid is their Cartesian
/// product, first axis outermost, seeds innermost). Read from a JSON spec (docs/sweeps.md):
/// <code>
/// { "name": "ufm-imbalance", "command": "ufm", "result": "summary",
///   "fixed": { "dim": 8, "steps": 200 },
///   "axes":  { "classes": [3, 4], "imbalance": { "from": 1, "to": 8, "count": 4, "scale": "log" } },
///   "seeds": 3, "exclude": ["wallSeconds"] }
/// </code>
/// </summary>
/// <param name="Name">Sweep name (job names, report titles).</param>
/// <param name="Command">The command words after <c>collapse</c>, e.g. <c>["deep", "train"]</c> or <c>["check", "ramp-sandwich"]</c>.</param>
/// <param name="Result">Where a run's result comes from.</param>
/// <param name="Fixed">Options identical in every run.</param>
/// <param name="Axes">Swept options, the seed axis (if any) last.</param>
/// <param name="Exclude">Result keys left out of the merged table (e.g. wall-clock times, so that tables compare equal).</param>
/// <param name="WorkingDirectory">Absolute folder the runs start in (the spec file's folder: relative paths in options resolve there).</param>
public sealed record SweepSpec(
    string Name,
    IReadOnlyList<string> Command,
    ResultMode Result,
    IReadOnlyList<SweepOption> Fixed,
    IReadOnlyList<SweepAxis> Axes,
    IReadOnlyList<string> Exclude,
    string WorkingDirectory)
{
    /// <summary>The most grid points one sweep may have.</summary>
    public const long MaxPoints = 1_000_000;

    /// <summary>Flags the sweep sets itself (the result mode's <c>--json</c> / <c>--out</c>) and that a spec may not name.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal) { "json", "out", "help" };

    private static readonly Regex KeyPattern = new(@"^[a-z][a-z0-9-]*(\.[A-Za-z0-9_][A-Za-z0-9_.-]*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex WordPattern = new(@"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", RegexOptions.CultureInvariant);

    /// <summary>Number of grid points (runs).</summary>
    public long PointCount => Axes.Aggregate(1L, (n, a) => n * a.Values.Count);

    /// <summary>Every grid point as its full option list (axes in order, then the fixed options), first axis outermost.</summary>
    public IEnumerable<IReadOnlyList<SweepOption>> Points()
    {
        var index = new int[Axes.Count];
        while (true)
        {
            var options = new List<SweepOption>(Axes.Count + Fixed.Count);
            for (var a = 0; a < Axes.Count; a++) options.Add(new SweepOption(Axes[a].Key, Axes[a].Values[index[a]]));
            options.AddRange(Fixed);
            yield return options;
            var k = Axes.Count - 1;
            while (k >= 0 && ++index[k] == Axes[k].Values.Count) index[k--] = 0;
            if (k < 0) yield break;
        }
    }

    /// <summary>Reads and validates a spec file.</summary>
    /// <exception cref="InputException">The file is missing or not valid JSON, or a field is wrong (the message names it).</exception>
    public static SweepSpec Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (FileNotFoundException) { throw new InputException($"{path}: file not found"); }
        catch (DirectoryNotFoundException) { throw new InputException($"{path}: file not found"); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new InputException($"{path}: cannot read: {ex.Message}", ex); }
        var full = Path.GetFullPath(path);
        var stem = Path.GetFileNameWithoutExtension(full);
        return Parse(text, path, Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory(), NamePattern.IsMatch(stem) ? stem : "sweep");
    }

    /// <summary>Parses spec text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InputException">A field is wrong (the message names the field).</exception>
    public static SweepSpec Parse(string json, string source, string workingDirectory, string defaultName = "sweep")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException ex) { throw new InputException($"{source}: not valid JSON: {ex.Message}", ex); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{source}: expected a JSON object, got {AxisValues.Describe(root)}");
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("name" or "command" or "result" or "fixed" or "axes" or "seeds" or "seedOption" or "exclude" or "description"))
                    throw new InputException($"{source}: unknown key '{p.Name}' (expected name, description, command, result, fixed, axes, seeds, seedOption, exclude)");

            var name = OptionalString(root, "name", source) ?? defaultName;
            if (!NamePattern.IsMatch(name)) throw new InputException($"{source}: name '{name}' may hold only letters, digits, '_', '.' and '-'");

            var commandText = OptionalString(root, "command", source) ?? throw new InputException($"{source}: \"command\" is required (e.g. \"ufm\", \"deep train\", \"check CLAIM-ID\")");
            var command = commandText.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (command.Length == 0) throw new InputException($"{source}: command is empty");
            foreach (var w in command)
                if (!WordPattern.IsMatch(w)) throw new InputException($"{source}: command word '{w}' is not a command or argument name (flags go in \"fixed\" or \"axes\")");
            if (command[0] == "sweep") throw new InputException($"{source}: command 'sweep' cannot be swept");

            var resultName = OptionalString(root, "result", source);
            var result = resultName is null ? ResultModes.DefaultFor(command)
                : ResultModes.Parse(resultName) ?? throw new InputException($"{source}: result '{resultName}' is not json or summary");

            var keys = new HashSet<string>(StringComparer.Ordinal);
            var fixedOptions = new List<SweepOption>();
            if (root.TryGetProperty("fixed", out var fx))
            {
                if (fx.ValueKind != JsonValueKind.Object) throw new InputException($"{source}: fixed: expected an object of option: value");
                foreach (var p in fx.EnumerateObject())
                {
                    var key = Key(p.Name, $"{source}: fixed", keys);
                    var where = $"{source}: fixed.{p.Name}";
                    var values = p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select((e, i) => AxisValues.Scalar(e, $"{where}[{i}]")).ToList()
                        : [AxisValues.Scalar(p.Value, where)];
                    if (values.Count == 0) throw new InputException($"{where}: empty list (leave the option out instead)");
                    fixedOptions.Add(new SweepOption(key, values));
                }
            }

            var axes = new List<SweepAxis>();
            if (root.TryGetProperty("axes", out var ax))
            {
                if (ax.ValueKind != JsonValueKind.Object) throw new InputException($"{source}: axes: expected an object of option: values");
                foreach (var p in ax.EnumerateObject())
                {
                    var key = Key(p.Name, $"{source}: axes", keys);
                    axes.Add(new SweepAxis(key, AxisValues.Parse(p.Value, $"{source}: axes.{p.Name}")));
                }
            }

            var seedKey = OptionalString(root, "seedOption", source) ?? "seed";
            if (root.TryGetProperty("seeds", out var seeds))
            {
                seedKey = Key(seedKey, $"{source}: seedOption", keys);
                var where = $"{source}: seeds";
                var values = seeds.ValueKind == JsonValueKind.Number
                    ? Count(seeds, where)
                    : AxisValues.Parse(seeds, where);
                foreach (var v in values)
                    if (v.Kind != SweepValueKind.Number || !long.TryParse(v.Text, out _)) throw new InputException($"{where}: seed {v.Text} is not an integer");
                axes.Add(new SweepAxis(seedKey, values, IsSeed: true));
            }
            else if (root.TryGetProperty("seedOption", out _))
            {
                throw new InputException($"{source}: seedOption is given but seeds is not");
            }

            var exclude = new List<string>();
            if (root.TryGetProperty("exclude", out var ex))
            {
                if (ex.ValueKind != JsonValueKind.Array) throw new InputException($"{source}: exclude: expected a list of result keys");
                foreach (var e in ex.EnumerateArray())
                    exclude.Add(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputException($"{source}: exclude: expected strings, got {AxisValues.Describe(e)}"));
            }

            var spec = new SweepSpec(name, command, result, fixedOptions, axes, exclude, Path.GetFullPath(workingDirectory));
            if (spec.PointCount > MaxPoints) throw new InputException($"{source}: the grid has {spec.PointCount} points, more than the limit of {MaxPoints}");
            return spec;
        }
    }

    private static IReadOnlyList<SweepValue> Count(JsonElement e, string where)
    {
        if (!e.TryGetInt32(out var n) || n < 1 || n > AxisValues.MaxValues)
            throw new InputException($"{where}: a seed count must be an integer in [1, {AxisValues.MaxValues}], got {e.GetRawText()}");
        return Enumerable.Range(0, n).Select(i => SweepValue.Number(i)).ToList();
    }

    private static string Key(string raw, string where, HashSet<string> keys)
    {
        var key = raw.StartsWith("--", StringComparison.Ordinal) ? raw[2..] : raw;
        if (!KeyPattern.IsMatch(key)) throw new InputException($"{where}: '{raw}' is not an option name (lower-case flag name such as \"classes\" or \"param.K\")");
        if (ReservedKeys.Contains(key)) throw new InputException($"{where}: '--{key}' is set by the sweep itself (see \"result\")");
        if (!keys.Add(key)) throw new InputException($"{where}: option '{key}' is given twice (fixed, axes and seeds must name different options)");
        return key;
    }

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new InputException($"{source}: {name}: expected a string, got {AxisValues.Describe(e)}");
    }
}
