using System.Text.Json;
using System.Text.Json.Serialization;
using Collapse.Theory.IO;

namespace Collapse.Theory.Metrics.Sharding;

/// <summary>Rows [First, End) of a pass-1 shard.</summary>
/// <param name="First">First row.</param>
/// <param name="End">One past the last row.</param>
public sealed record RowRange(int First, int End);

/// <summary>Classes [First, End) of a pass-2 shard: the shard visits every sample of these classes.</summary>
/// <param name="First">First class.</param>
/// <param name="End">One past the last class.</param>
/// <param name="Rows">Samples of these classes.</param>
public sealed record ClassRange(int First, int End, long Rows);

/// <summary>Size and modification time of an input file when the plan was made (a shard refuses changed inputs).</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Bytes">File length.</param>
/// <param name="ModifiedUtc">Last write time (UTC ticks).</param>
public sealed record InputFingerprint(string Path, long Bytes, long ModifiedUtc)
{
    /// <summary>The fingerprint of <paramref name="path"/> now.</summary>
    public static InputFingerprint Of(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        return new InputFingerprint(full, info.Length, info.LastWriteTimeUtc.Ticks);
    }
}

/// <summary>
/// A sharded metric run (docs/metrics.md, "Sharded runs"): the inputs, K, d, N, the chunk size, the pass-1 row shards
/// (contiguous, aligned to chunks) and the pass-2 class shards (contiguous class ranges with about N/S samples each,
/// so each pass-2 shard owns whole rows γ_k· of the class-pair margins and no K×K state is ever written).
/// Stored as <c>plan.json</c> in the run folder.
/// </summary>
public sealed record MetricShardPlan
{
    /// <summary>Format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version of this plan.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The file inputs (absolute paths).</summary>
    public required NpyMetricsInputs Inputs { get; init; }

    /// <summary>K.</summary>
    public required int Classes { get; init; }

    /// <summary>d.</summary>
    public required int Dim { get; init; }

    /// <summary>N.</summary>
    public required int Rows { get; init; }

    /// <summary>Rows per pass-1 block (the chunk size).</summary>
    public required int ChunkRows { get; init; }

    /// <summary>Whether the K×K class-pair margin matrix is kept.</summary>
    public required bool PairMatrix { get; init; }

    /// <summary>Nearest-centre screening in float32.</summary>
    public required bool Float32Screening { get; init; }

    /// <summary>Pass-1 shards.</summary>
    public required IReadOnlyList<RowRange> Pass1 { get; init; }

    /// <summary>Pass-2 shards.</summary>
    public required IReadOnlyList<ClassRange> Pass2 { get; init; }

    /// <summary>Input files as they were when planned.</summary>
    public required IReadOnlyList<InputFingerprint> Fingerprints { get; init; }

    /// <summary>Number of shards S (the same for both passes).</summary>
    [JsonIgnore]
    public int Shards => Pass1.Count;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes <c>DIR/plan.json</c> atomically.</summary>
    public void Write(string dir) => AtomicFile.Write(MetricShardLayout.Plan(dir), s => JsonSerializer.Serialize(s, this, Json));

    /// <summary>Reads <c>DIR/plan.json</c>.</summary>
    /// <exception cref="InputException">Missing, unreadable or of another version.</exception>
    public static MetricShardPlan Read(string dir)
    {
        var path = MetricShardLayout.Plan(dir);
        if (!File.Exists(path)) throw new InputException($"{path}: no shard plan (write one with `collapse metrics plan … --shards S --out {dir}`)");
        MetricShardPlan? plan;
        try { plan = JsonSerializer.Deserialize<MetricShardPlan>(File.ReadAllText(path), Json); }
        catch (JsonException ex) { throw new InputException($"{path}: not a shard plan ({ex.Message})"); }
        if (plan is null || plan.Version != CurrentVersion) throw new InputException($"{path}: shard plan version {plan?.Version} is not {CurrentVersion}");
        return plan;
    }

    /// <summary>Throws when an input file changed since the plan was made.</summary>
    /// <exception cref="InputException">A changed or missing input.</exception>
    public void CheckInputsUnchanged()
    {
        foreach (var f in Fingerprints)
        {
            if (!File.Exists(f.Path)) throw new InputException($"{f.Path}: input of the shard plan is missing");
            var now = InputFingerprint.Of(f.Path);
            if (now.Bytes != f.Bytes || now.ModifiedUtc != f.ModifiedUtc)
                throw new InputException($"{f.Path}: changed since the shard plan was made (size or modification time differ); plan again");
        }
    }
}

/// <summary>File names inside a sharded run folder.</summary>
public static class MetricShardLayout
{
    /// <summary><c>DIR/plan.json</c>.</summary>
    public static string Plan(string dir) => Path.Combine(dir, "plan.json");

    /// <summary><c>DIR/pass1/shard-III.bin</c>: accumulator state of pass-1 shard i.</summary>
    public static string Pass1(string dir, int index) => Path.Combine(dir, "pass1", $"shard-{index:D3}.bin");

    /// <summary><c>DIR/stats.bin</c>: the merged class statistics and the nc1 projection.</summary>
    public static string Stats(string dir) => Path.Combine(dir, "stats.bin");

    /// <summary><c>DIR/pass2/shard-III.bin</c>: totals and class-pair rows of pass-2 shard i.</summary>
    public static string Pass2(string dir, int index) => Path.Combine(dir, "pass2", $"shard-{index:D3}.bin");

    /// <summary><c>DIR/metrics.json</c>: the final report (the JSON of <c>collapse metrics --json</c>).</summary>
    public static string Result(string dir) => Path.Combine(dir, "metrics.json");
}
