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
