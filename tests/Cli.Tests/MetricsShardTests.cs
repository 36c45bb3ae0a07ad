using System.Diagnostics;
using System.Text.Json;
using Collapse.Cli.Tests.Sweeps;
using Collapse.Theory.IO;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Cli.Tests;

/// <summary>
/// Sharded metric runs give the one-process result: locally (every step in one process) and through the real
/// single-node Slurm cluster of tools/slurm-local.sh (skipped, with the reason, where sbatch is missing).
/// </summary>
[Collection(SweepCollection.Name)]
public class MetricsShardTests(ITestOutputHelper log)
{
    private static readonly string[] Counts = ["classes", "samples", "dim", "nccAccuracy", "nc4", "accuracy", "negativePairMargins", "nc1Rank"];
    private static readonly string[] Bounded = ["equinormMeans", "equinormClassifier", "equiangularity", "maxAngle", "etfGramError", "nc3"];
    /// <summary>Work counters of the engine (how many decisions were rechecked), not metrics: they may differ between splits.</summary>
    private static readonly string[] Diagnostics = ["nccRechecks", "logitRechecks", "cdnvRecomputedPairs"];

    /// <summary>K = 37 Gaussian classes in d = 12 (K − 1 &gt; d), overlapping, float32, with W and b.</summary>
    private static (string H, string Y, string W, string B) Inputs(NpyFixtures fx)
    {
        var rng = new Random(42);
        int k = 37, d = 12, n = 1500;
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var mu = new double[k * d];
        for (var i = 0; i < mu.Length; i++) mu[i] = 1.2 * N();
        var y = new int[n];
        var h = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            y[i] = i < k ? i : rng.Next(k);
            for (var j = 0; j < d; j++) h[i * d + j] = mu[y[i] * d + j] + N();
        }
        var w = new double[k * d];
        for (var i = 0; i < w.Length; i++) w[i] = mu[i] + 0.3 * N();
        var b = new double[k];
        for (var i = 0; i < k; i++) b[i] = 0.1 * N();
        var hp = fx.PathOf("h.npy");
        using (var sw = new NpyStreamWriter(hp, n, d, NpyDType.Float32))
        {
            sw.WriteRows(h);
            sw.Commit();
        }
        NpyWriter.WriteLabels(fx.PathOf("y.npy"), y);
        NpyWriter.WriteMatrix(fx.PathOf("w.npy"), w, k, d);
        NpyWriter.WriteVector(fx.PathOf("b.npy"), b);
        return (hp, fx.PathOf("y.npy"), fx.PathOf("w.npy"), fx.PathOf("b.npy"));
    }

    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    private static void SameReport(JsonElement one, JsonElement sharded)
    {
        var keys = 0;
        foreach (var p in one.EnumerateObject())
        {
            if (Diagnostics.Contains(p.Name)) continue;
            Assert.True(sharded.TryGetProperty(p.Name, out var q), $"sharded result lacks {p.Name}");
            keys++;
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                Assert.Equal(p.Value.GetRawText(), q.GetRawText());
                continue;
            }
            if (p.Value.ValueKind != JsonValueKind.Number) { Assert.Equal(p.Value.GetRawText(), q.GetRawText()); continue; }
            double a = p.Value.GetDouble(), b = q.GetDouble();
            if (Counts.Contains(p.Name)) Assert.True(a == b, $"{p.Name}: {a:R} vs {b:R} (a count)");
            else Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Abs(a) + (Bounded.Contains(p.Name) ? 1e-13 : 1e-300), $"{p.Name}: one process {a:R}, sharded {b:R}");
        }
        Assert.True(keys > 25, $"only {keys} keys compared");
    }

    [Fact]
    public void LocalShardsGiveTheOneProcessResult()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, b) = Inputs(fx);
        var one = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", b, "--json", "--threads", "1"));
        var work = fx.PathOf("run");
        var sharded = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", b, "--json", "--shards", "4", "--local", "--work", work, "--chunk-rows", "100"));
        SameReport(one, sharded);
        Assert.True(File.Exists(Path.Combine(work, "metrics.json")));
    }

    [Fact]
    public void LocalShardsWithoutThePairMatrixGiveTheSameSummaryAndWorstPairs()
    {
        using var fx = new NpyFixtures();
        var rng = new Random(4);
        int k = 90, d = 10, n = 2700;
        var w = new double[k * d];
        for (var i = 0; i < w.Length; i++) w[i] = rng.NextDouble() * 2 - 1;
        var h = new double[n * d];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = (i * 7) % k;
            for (var j = 0; j < d; j++) h[i * d + j] = w[y[i] * d + j] + 0.4 * (rng.NextDouble() - 0.5);
        }
        NpyWriter.WriteMatrix(fx.PathOf("h.npy"), h, n, d);
        NpyWriter.WriteLabels(fx.PathOf("y.npy"), y);
        NpyWriter.WriteMatrix(fx.PathOf("w.npy"), w, k, d);
        var args = new[] { "metrics", "--features", fx.PathOf("h.npy"), "--labels", fx.PathOf("y.npy"), "--classifier", fx.PathOf("w.npy"), "--json" };
        var one = Json(CliRunner.Run(args));
        Assert.False(one.TryGetProperty("classPairMargins", out _));
        Assert.Equal(20, one.GetProperty("worstClassPairs").GetArrayLength());
        var sharded = Json(CliRunner.Run([.. args, "--shards", "5", "--local", "--work", fx.PathOf("run5"), "--chunk-rows", "333"]));
        SameReport(one, sharded);
    }

    [Fact]
    public void TheStepsRunByHandAndRefuseStaleOrMissingStates()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, _) = Inputs(fx);
        var work = fx.PathOf("steps");
        Assert.Equal(0, CliRunner.Run("metrics", "plan", "--features", h, "--labels", y, "--classifier", w, "--shards", "3", "--out", work).ExitCode);
        var missing = CliRunner.Run("metrics", "merge", work, "--pass", "1");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("shard-000.bin: missing", missing.Stderr);
        for (var i = 0; i < 3; i++) Assert.Equal(0, CliRunner.Run("metrics", "shard", work, "--pass", "1", "--index", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
        Assert.Equal(0, CliRunner.Run("metrics", "merge", work, "--pass", "1").ExitCode);
        for (var i = 0; i < 3; i++) Assert.Equal(0, CliRunner.Run("metrics", "shard", work, "--pass", "2", "--index", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
        var merged = Json(CliRunner.Run("metrics", "merge", work, "--json"));
        var one = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json"));
        SameReport(one, merged);
        var bad = CliRunner.Run("metrics", "shard", work, "--pass", "2", "--index", "3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--index 3: the plan has shards 0..2", bad.Stderr);
        // A pass-2 state computed with other statistics is refused.
        var stats = Path.Combine(work, "stats.bin");
        var bytes = File.ReadAllBytes(stats);
        bytes[^1] ^= 1;
        File.WriteAllBytes(stats, bytes);
        var stale = CliRunner.Run("metrics", "merge", work);
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("computed with another stats.bin", stale.Stderr);
        Assert.Single(stale.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void ShardFlagsNeedAnExecutorAndAFolder()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("metrics", "--features", h, "--labels", y, "--shards", "2", "--work", fx.PathOf("x"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--local or --slurm", r.Stderr);
        r = CliRunner.Run("metrics", "--features", h, "--labels", y, "--partition", "debug");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--partition: only with --shards", r.Stderr);
        r = CliRunner.Run("metrics", "--features", h, "--labels", y, "--shards", "9", "--local", "--work", fx.PathOf("x"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--shards 9: more shards than the K = 3 classes", r.Stderr);
    }

    [SkippableFact]
    public void ShardedRunThroughSlurmEqualsTheOneProcessRun()
    {
        var reason = SlurmCluster.EnsureUp();
        Skip.If(reason is not null, reason);
        using var fx = new NpyFixtures();
        var (h, y, w, b) = Inputs(fx);
        var one = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", b, "--json"));
        var work = fx.PathOf("slurm-run");
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", b, "--json",
            "--shards", "3", "--slurm", "--wait", "--work", work, "--partition", SlurmCluster.Partition, "--time", "5");
        log.WriteLine($"Slurm chain of 3 + 1 + 3 + 1 tasks: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Equal(8, Directory.GetFiles(Path.Combine(work, "slurm", "logs"), "*.log").Length);
        SameReport(one, JsonDocument.Parse(r.Stdout).RootElement);
    }
}
