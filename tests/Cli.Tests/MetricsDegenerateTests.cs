using System.Text.Json;
using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>
/// The reproducers of issue 15 for <c>collapse metrics</c> (docs/metrics.md, "Degenerate geometry and extreme scales"):
/// features ×1e200 (and ×1e-300) with and without a classifier give the scale-invariant metrics of the unscaled features;
/// equal class means give exit 0, the defined metrics, and null for the undefined ones with their reasons.
/// </summary>
public class MetricsDegenerateTests
{
    private static readonly string[] ScaleInvariant =
        ["nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equiangularity", "maxAngle", "etfGramError", "nccAccuracy"];

    private static readonly string[] WithClassifier = ["nc3", "nc4", "accuracy", "equinormClassifier", "normalizedMargin"];

    private static readonly string[] Geometry =
        ["nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equiangularity", "maxAngle", "etfGramError", "nc3"];

    /// <summary>Runs <c>metrics --json --quiet</c>: exit 0, nothing on stderr, one JSON object on stdout.</summary>
    private static JsonElement Run(params string[] args)
    {
        var r = CliRunner.Run(["metrics", .. args, "--json", "--quiet"]);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Equal("", r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    /// <summary>K = 4 classes of 6 samples in d = 5 with distinct, non-collapsed means; W = the class centres, b = 0.</summary>
    private static (double[] H, int[] Y, double[] W) Generic()
    {
        int k = 4, per = 6, d = 5;
        var rng = new Random(15);
        var centres = new double[k * d];
        for (var i = 0; i < centres.Length; i++) centres[i] = 3 * (rng.NextDouble() - 0.5);
        var h = new double[k * per * d];
        var y = new int[k * per];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = i % k;
            for (var j = 0; j < d; j++) h[i * d + j] = centres[y[i] * d + j] + (rng.NextDouble() - 0.5);
        }
        return (h, y, centres);
    }

    private static void Relative(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Abs(expected) + 1e-14, $"{what}: {expected:R} vs {actual:R}");

    [Theory]
    [InlineData(1e200, false)]
    [InlineData(1e200, true)]
    [InlineData(1e300, true)]
    [InlineData(1e-300, true)]
    public void ExtremeFeaturesGiveTheScaleInvariantMetricsOfTheUnscaledOnes(double scale, bool classifier)
    {
        using var fx = new NpyFixtures();
        var (h, y, w) = Generic();
        int n = y.Length, d = 5, k = 4;
        var hs = fx.WriteFeatures("h.npy", h, n, d);
        var big = fx.WriteFeatures("big.npy", h.Select(v => v * scale).ToArray(), n, d);
        var labels = fx.WriteLabels("y.npy", y);
        var wPath = fx.WriteFeatures("W.npy", w, k, d);
        string[] extra = classifier ? ["--classifier", wPath] : [];
        var a = Run(["--features", hs, "--labels", labels, .. extra]);
        var b = Run(["--features", big, "--labels", labels, .. extra]);
        foreach (var key in classifier ? ScaleInvariant.Concat(WithClassifier) : ScaleInvariant)
            Relative(a.GetProperty(key).GetDouble(), b.GetProperty(key).GetDouble(), 1e-10, key);
        Assert.False(b.TryGetProperty("undefined", out _), b.ToString());
        Assert.True(b.GetProperty("featureScaleExponent").GetInt32() != 0);
        if (!classifier) return;
        // b = 0: the logits, hence p_min, γ and the smoothed margin, scale with the features.
        Relative(scale * a.GetProperty("minMargin").GetDouble(), b.GetProperty("minMargin").GetDouble(), 1e-10, "minMargin");
        Relative(scale * a.GetProperty("pairMarginMax").GetDouble(), b.GetProperty("pairMarginMax").GetDouble(), 1e-10, "pairMarginMax");
        Relative(scale * a.GetProperty("pairMarginStd").GetDouble(), b.GetProperty("pairMarginStd").GetDouble(), 1e-10, "pairMarginStd");
        foreach (var key in new[] { "ce", "logCe", "smoothedMargin", "ufmNormalizedMargin" })
            Assert.Equal(JsonValueKind.Number, b.GetProperty(key).ValueKind);
    }

    [Fact]
    public void AllRowsEqualGiveNullsWithReasonsAndTheDefinedMetrics()
    {
        using var fx = new NpyFixtures();
        var (_, y, w) = Generic();
        var h = Enumerable.Repeat(0.1, y.Length * 5).ToArray(); // 0.1 + 0.1 + 0.1 ≠ 0.3: M̃ must still be exactly 0
        var args = new[] { "--features", fx.WriteFeatures("h.npy", h, y.Length, 5), "--labels", fx.WriteLabels("y.npy", y), "--classifier", fx.WriteFeatures("W.npy", w, 4, 5) };
        var json = Run(args);
        var undefined = json.GetProperty("undefined");
        foreach (var key in Geometry)
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty(key).ValueKind);
            Assert.Equal("all class means coincide", undefined.GetProperty(key).GetString());
        }
        Assert.Equal(Geometry.Length, undefined.EnumerateObject().Count());
        foreach (var key in new[] { "nccAccuracy", "nc4", "accuracy", "equinormClassifier", "minMargin", "normalizedMargin", "ce", "logCe" })
            Assert.Equal(JsonValueKind.Number, json.GetProperty(key).ValueKind);
        Assert.Equal(0.25, json.GetProperty("nccAccuracy").GetDouble()); // every centre is nearest: the lowest index, class 0
        Assert.Equal(0, json.GetProperty("nc1Rank").GetInt32());

        var text = CliRunner.Run(["metrics", .. args, "--quiet"]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(text.Stdout.Split('\n'), l => l.StartsWith("etfGramError", StringComparison.Ordinal) && l.EndsWith("n/a (all class means coincide)", StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", text.Stdout);
    }

    [Fact]
    public void TwoEqualClassMeansLeaveOnlyTheCdnvUndefined()
    {
        using var fx = new NpyFixtures();
        var (h, y, _) = Generic();
        for (var i = 0; i < y.Length; i++)
            if (y[i] == 1) Array.Copy(h, (i - 1) * 5, h, i * 5, 5); // class 1's samples are class 0's: equal means
        var json = Run("--features", fx.WriteFeatures("h.npy", h, y.Length, 5), "--labels", fx.WriteLabels("y.npy", y));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("cdnv").ValueKind);
        var undefined = json.GetProperty("undefined").EnumerateObject().ToList();
        Assert.Equal("cdnv", Assert.Single(undefined).Name);
        Assert.StartsWith("classes 0 and 1 have the same mean", undefined[0].Value.GetString());
        foreach (var key in Geometry.Where(k => k is not ("cdnv" or "nc3")))
            Assert.Equal(JsonValueKind.Number, json.GetProperty(key).ValueKind);
    }
}
