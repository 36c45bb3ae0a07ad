using Collapse.Theory.IO;
using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

public class MetricsCommandTests
{
    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void JsonHasEveryConventionKeyWhenAClassifierIsGiven()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, b) = fx.ValidSet();
        var json = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", b, "--json"));
        foreach (var key in new[] { "classes", "samples", "dim", "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier",
                     "equiangularity", "maxAngle", "etfGramError", "nc3", "nc4", "nccAccuracy", "minMargin", "ce", "logCe", "classPairMargins" })
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(3, json.GetProperty("classes").GetInt32());
        Assert.Equal(12, json.GetProperty("samples").GetInt32());
        Assert.Equal(5, json.GetProperty("dim").GetInt32());
        // The classes are separated by 5 along their own axis and W = e_k, so every sample is correct with margin ≈ 5.
        Assert.Equal(1.0, json.GetProperty("nccAccuracy").GetDouble());
        Assert.Equal(0.0, json.GetProperty("nc4").GetDouble());
        Assert.InRange(json.GetProperty("minMargin").GetDouble(), 4.9, 5.1);
        Assert.Equal(Math.Log(json.GetProperty("ce").GetDouble()), json.GetProperty("logCe").GetDouble(), 9);
    }

    [Fact]
    public void ClassifierKeysAreAbsentWithoutAClassifier()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var json = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--json"));
        Assert.True(json.TryGetProperty("nc1", out _));
        foreach (var key in new[] { "nc3", "nc4", "minMargin", "ce", "logCe", "equinormClassifier", "classPairMargins" })
            Assert.False(json.TryGetProperty(key, out _), $"unexpected key {key}");
    }

    [Fact]
    public void ChunkSizeDoesNotChangeTheResult()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, _) = fx.ValidSet(k: 4, perClass: 9, d: 6);
        var one = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--chunk-rows", "1"));
        var all = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--chunk-rows", "1000"));
        foreach (var key in new[] { "nc1", "nc1TraceRatio", "cdnv", "nc3", "ce", "minMargin" })
            Assert.Equal(all.GetProperty(key).GetDouble(), one.GetProperty(key).GetDouble(), 12);
    }

    [Fact]
    public void TextOutputListsTheMetrics()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("metrics", "--features", h, "--labels", y);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^nc1\s+\S+$", r.Stdout);
        Assert.Matches(@"(?m)^samples\s+12$", r.Stdout);
    }
}

public class MetricsEngineFlagTests
{
    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    /// <summary>K = 70 classes (above the automatic K×K limit of 64), d = 8, with W.</summary>
    private static (string H, string Y, string W) ManyClasses(NpyFixtures fx)
    {
        var rng = new Random(9);
        int k = 70, d = 8, n = 700;
        var h = new double[n * d];
        var y = new int[n];
        var w = new double[k * d];
        for (var i = 0; i < w.Length; i++) w[i] = rng.NextDouble() * 4 - 2;
        for (var i = 0; i < n; i++)
        {
            y[i] = i % k;
            for (var j = 0; j < d; j++) h[i * d + j] = w[y[i] * d + j] + 0.3 * (rng.NextDouble() - 0.5);
        }
        NpyWriter.WriteMatrix(fx.PathOf("h.npy"), h, n, d);
        NpyWriter.WriteLabels(fx.PathOf("y.npy"), y);
        NpyWriter.WriteMatrix(fx.PathOf("w.npy"), w, k, d);
        return (fx.PathOf("h.npy"), fx.PathOf("y.npy"), fx.PathOf("w.npy"));
    }

    [Fact]
    public void ThreadsAndScreeningDoNotChangeTheResult()
    {
        using var fx = new NpyFixtures();
        var (h, y, w) = ManyClasses(fx);
        var one = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--threads", "1"));
        var three = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--threads", "3"));
        var f64 = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--screening", "float64"));
        Assert.Equal(one.ToString(), three.ToString()); // bit-identical for every thread count
        Assert.Equal("float64", f64.GetProperty("nccScreening").GetString());
        foreach (var key in new[] { "nccAccuracy", "nc4", "accuracy", "minMargin", "ce", "nc1" })
            Assert.Equal(one.GetProperty(key).GetDouble(), f64.GetProperty(key).GetDouble());
    }

    [Fact]
    public void PairMarginMatrixOnlyOnRequestAboveSixtyFourClassesAndItsSummaryAlways()
    {
        using var fx = new NpyFixtures();
        var (h, y, w) = ManyClasses(fx);
        var plain = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json"));
        Assert.False(plain.TryGetProperty("classPairMargins", out _));
        var full = Json(CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--json", "--pair-margins"));
        var matrix = full.GetProperty("classPairMargins");
        Assert.Equal(70, matrix.GetArrayLength());
        // The summary equals what the matrix says.
        var values = matrix.EnumerateArray().SelectMany(r => r.EnumerateArray()).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        Assert.Equal(70 * 69, values.Count);
        Assert.Equal(values.Min(), plain.GetProperty("minMargin").GetDouble());
        Assert.Equal(values.Max(), plain.GetProperty("pairMarginMax").GetDouble());
        Assert.Equal(values.Count(v => v < 0), plain.GetProperty("negativePairMargins").GetInt32());
        Assert.Equal(values.Average(), plain.GetProperty("pairMarginMean").GetDouble(), 1e-12);
        var worst = plain.GetProperty("worstClassPairs").EnumerateArray().Select(r => r[2].GetDouble()).ToList();
        Assert.Equal(values.OrderBy(v => v).Take(20), worst);
    }

    [Fact]
    public void SummaryLineTimingsFileAndQuiet()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, _) = fx.ValidSet();
        var timings = fx.PathOf("t.json");
        var r = CliRunner.Run("metrics", "--features", h, "--labels", y, "--classifier", w, "--timings", timings);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^pass 1: 12 rows in [0-9.]+ s \([0-9]+ rows/s\)$", r.Stderr);
        Assert.Matches(@"(?m)^pass 2: 12 rows in ", r.Stderr);
        Assert.Matches(@"(?m)^metrics: 12 rows × 5, K = 3, [0-9]+ threads: .* rows/s .*peak memory [0-9]+ MB$", r.Stderr);
        using var t = JsonDocument.Parse(File.ReadAllText(timings));
        Assert.True(t.RootElement.GetProperty("peakMemoryBytes").GetInt64() > 1 << 20);
        Assert.True(t.RootElement.GetProperty("pass2Seconds").GetDouble() >= 0);
        var quiet = CliRunner.Run("metrics", "--features", h, "--labels", y, "--quiet");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stderr);
    }

    [Theory]
    [InlineData("--threads", "0", "--threads 0: must be at least 1")]
    [InlineData("--screening", "half", "--screening half: expected float32 or float64")]
    [InlineData("--chunk-rows", "0", "--chunk-rows 0: must be at least 1")]
    public void BadEngineFlags(string flag, string value, string message)
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("metrics", "--features", h, "--labels", y, flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, r.Stderr);
    }
}
