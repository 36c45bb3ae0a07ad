using System.Text.Json;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Planning;

/// <summary>
/// A planned sweep: the normalized spec (ranges expanded, so the plan alone rebuilds every run) and its runs in grid
/// order. Stored as <c>DIR/plan.json</c>; run <c>i</c> lives in <c>DIR/runs/&lt;id&gt;/</c>.
/// </summary>
/// <param name="Directory">Absolute path of the sweep folder.</param>
/// <param name="Spec">The normalized spec.</param>
/// <param name="Runs">Every run, in grid order (index = position).</param>
public sealed record SweepPlan(string Directory, SweepSpec Spec, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>Builds the runs of <paramref name="spec"/> for the sweep folder <paramref name="directory"/>.</summary>
    /// <exception cref="InputException">Two grid points run the same command line.</exception>
    public static SweepPlan Of(SweepSpec spec, string directory)
    {
        var runs = new List<PlannedRun>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var options in spec.Points())
        {
            var config = new RunConfig(spec.Command, spec.Result, options);
            if (byId.TryGetValue(config.Id, out var other))
                throw new InputException($"grid points {other} and {runs.Count} run the same command line ({string.Join(' ', config.Arguments())})");
            byId[config.Id] = runs.Count;
            runs.Add(new PlannedRun(runs.Count, config));
        }
        return new SweepPlan(Path.GetFullPath(directory), spec, runs);
    }

    /// <summary>Folder of a run.</summary>
    public string RunDir(PlannedRun run) => SweepLayout.RunDir(Directory, run.Id);

    /// <summary>The run with the given id.</summary>
    /// <exception cref="InputException">No run of the plan has that id.</exception>
    public PlannedRun ById(string id) => Runs.FirstOrDefault(r => r.Id == id)
        ?? throw new InputException($"--id {id}: no run of {SweepLayout.PlanFile(Directory)} has this id");

    /// <summary>The run at a grid index.</summary>
    /// <exception cref="InputException">The index is outside the plan.</exception>
    public PlannedRun ByIndex(int index) => index >= 0 && index < Runs.Count ? Runs[index]
        : throw new InputException($"--index {index}: outside [0, {Runs.Count}) of {SweepLayout.PlanFile(Directory)}");

    /// <summary>Writes plan.json atomically.</summary>
    public void Write() => AtomicFile.Write(SweepLayout.PlanFile(Directory), s =>
    {
        using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("format", 1);
        w.WriteString("workingDirectory", Spec.WorkingDirectory);
        w.WritePropertyName("spec");
        WriteSpec(w, Spec);
        w.WriteStartArray("runs");
        foreach (var r in Runs)
        {
            w.WriteStartObject();
            w.WriteNumber("index", r.Index);
            w.WriteString("id", r.Id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads <c>DIR/plan.json</c> and rebuilds the runs; checks the stored ids against the rebuilt ones.</summary>
    /// <exception cref="InputException">No plan in the folder, or it is malformed or inconsistent.</exception>
    public static SweepPlan Load(string directory)
    {
        var path = SweepLayout.PlanFile(directory);
        if (!File.Exists(path))
            throw new InputException(System.IO.Directory.Exists(directory)
                ? $"{directory}: no plan.json (run 'collapse sweep plan SPEC.json --out {directory}' first)"
                : $"{directory}: sweep folder not found");
        using var doc = SweepJson.ReadObject(path);
        var root = doc.RootElement;
        if (!root.TryGetProperty("spec", out var specElement) || !root.TryGetProperty("runs", out var runsElement) || runsElement.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("workingDirectory", out var wd) || wd.ValueKind != JsonValueKind.String)
            throw new InputException($"{path}: malformed plan (needs workingDirectory, spec and runs)");
        var spec = SweepSpec.Parse(specElement.GetRawText(), $"{path} (spec)", wd.GetString()!);
        var plan = Of(spec, directory);
        var stored = runsElement.EnumerateArray().Select(e => e.TryGetProperty("id", out var id) ? id.GetString() : null).ToList();
        if (stored.Count != plan.Runs.Count || !stored.SequenceEqual(plan.Runs.Select(r => r.Id)))
            throw new InputException($"{path}: the run list does not match the spec it holds; re-plan the sweep");
        return plan;
    }

    private static void WriteSpec(Utf8JsonWriter w, SweepSpec spec)
    {
        w.WriteStartObject();
        w.WriteString("name", spec.Name);
        w.WriteString("command", string.Join(' ', spec.Command));
        w.WriteString("result", spec.Result.Name());
        w.WriteStartObject("fixed");
        foreach (var o in spec.Fixed)
        {
            w.WritePropertyName(o.Key);
            if (o.Values.Count == 1) SweepJson.WriteValue(w, o.Values[0]);
            else WriteValues(w, o.Values);
        }
        w.WriteEndObject();
        w.WriteStartObject("axes");
        foreach (var a in spec.Axes.Where(a => !a.IsSeed))
        {
            w.WritePropertyName(a.Key);
            WriteValues(w, a.Values);
        }
        w.WriteEndObject();
        if (spec.Axes.FirstOrDefault(a => a.IsSeed) is { } seeds)
        {
            w.WritePropertyName("seeds");
            WriteValues(w, seeds.Values);
            w.WriteString("seedOption", seeds.Key);
        }
        w.WriteStartArray("exclude");
        foreach (var e in spec.Exclude) w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter w, IEnumerable<SweepValue> values)
    {
        w.WriteStartArray();
        foreach (var v in values) SweepJson.WriteValue(w, v);
        w.WriteEndArray();
    }
}
