using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Planning;

/// <summary>
/// The resolved configuration of one run: the command words and every option with its value. Its id is the first 16
/// hex digits of the SHA-256 of the command line it runs (options sorted by name), so the same point always gets the
/// same id and folder, whatever the order of keys in the spec or the spelling of a number (<c>1.0</c> = <c>1</c>).
/// </summary>
/// <param name="Command">Command words after <c>collapse</c>.</param>
/// <param name="Result">Where the result comes from.</param>
/// <param name="Options">Options in table order (axes, then fixed).</param>
public sealed record RunConfig(IReadOnlyList<string> Command, ResultMode Result, IReadOnlyList<SweepOption> Options)
{
    /// <summary>Stable id of this configuration.</summary>
    public string Id { get; } = ComputeId(Command, Result, Options);

    /// <summary>The command line after <c>collapse</c>, without the result flags (<c>--json</c> / <c>--out</c>).</summary>
    public IReadOnlyList<string> Arguments() => [.. Command, .. Options.SelectMany(o => o.Arguments())];

    /// <summary>The full command line after <c>collapse</c> for a run executed in <paramref name="runDir"/>.</summary>
    public IReadOnlyList<string> Arguments(string runDir) => Result == ResultMode.Json
        ? [.. Arguments(), "--json"]
        : [.. Arguments(), "--out", SweepLayout.OutDir(runDir)];

    private static string ComputeId(IReadOnlyList<string> command, ResultMode result, IReadOnlyList<SweepOption> options)
    {
        var sb = new StringBuilder("collapse-sweep-run/1\n");
        sb.Append(result.Name()).Append('\n');
        foreach (var w in command) sb.Append(w).Append('\n');
        foreach (var o in options.OrderBy(o => o.Key, StringComparer.Ordinal))
            foreach (var a in o.Arguments()) sb.Append(a).Append('\n');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Writes config.json (id, command, result, typed options, the argument list) atomically.</summary>
    public void Write(string path) => AtomicFile.Write(path, s =>
    {
        using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("command", string.Join(' ', Command));
        w.WriteString("result", Result.Name());
        w.WriteStartObject("options");
        foreach (var o in Options)
        {
            w.WritePropertyName(o.Key);
            if (o.Values.Count == 1) SweepJson.WriteValue(w, o.Values[0]);
            else
            {
                w.WriteStartArray();
                foreach (var v in o.Values) SweepJson.WriteValue(w, v);
                w.WriteEndArray();
            }
        }
        w.WriteEndObject();
        w.WriteStartArray("arguments");
        foreach (var a in Arguments()) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads config.json back.</summary>
    /// <exception cref="InputException">The file is missing or malformed.</exception>
    public static RunConfig Read(string path)
    {
        using var doc = SweepJson.ReadObject(path);
        var root = doc.RootElement;
        try
        {
            var command = root.GetProperty("command").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var result = ResultModes.Parse(root.GetProperty("result").GetString()) ?? throw new InputException($"{path}: unknown result mode");
            var options = new List<SweepOption>();
            foreach (var p in root.GetProperty("options").EnumerateObject())
            {
                var values = p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Select(e => AxisValues.Scalar(e, $"{path}: options.{p.Name}")).ToList()
                    : [AxisValues.Scalar(p.Value, $"{path}: options.{p.Name}")];
                options.Add(new SweepOption(p.Name, values));
            }
            var config = new RunConfig(command, result, options);
            var id = root.GetProperty("id").GetString();
            if (id != config.Id) throw new InputException($"{path}: id {id} does not match its configuration (hash {config.Id}); the file was edited");
            return config;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException($"{path}: malformed run configuration: {ex.Message}", ex);
        }
    }
}
