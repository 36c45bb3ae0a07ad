using System.Text.Json;
using Collapse.Theory.Etf;
using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Cli.Tests;

public class SvmCommandTests
{
    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void JsonHasTheMarginAndEveryCertificateKey()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var json = Json(CliRunner.Run("svm", "--features", h, "--labels", y, "--json"));
        foreach (var key in new[] { "classes", "samples", "dim", "method", "margin", "normW", "supportVectors", "activeConstraints",
                     "maxViolation", "dualityGap", "stationarity", "minLambda", "marginLowerBound", "marginUpperBound", "certified" })
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        Assert.True(json.GetProperty("certified").GetBoolean());
        Assert.True(json.GetProperty("dualityGap").GetDouble() < 1e-8);
        Assert.Equal(1 / json.GetProperty("normW").GetDouble(), json.GetProperty("margin").GetDouble(), 12);
    }

    /// <summary>
    /// On the simplex-ETF features h_i = c·m_{y_i} the margin is c√K/(K−1) at every scale c (docs/svm.md, "Extreme
    /// scales"); values the rescaling pushes outside float64 are named in outOfRange with their order of magnitude.
    /// </summary>
    [Theory]
    [InlineData(1e200, "primalObjective", "≈ 1e-400")]
    [InlineData(1e-320, "normW", "≈ 1e320")]
    public void ExtremeScalesGiveTheScaledMarginAndNameWhatLeftFloat64(double c, string outside, string magnitude)
    {
        const int k = 4, d = 6;
        using var fx = new NpyFixtures();
        var m = SimplexEtf.Random(k, d, seed: 2);
        var h = new double[k * d];
        var y = new int[k];
        for (var i = 0; i < k; i++)
        {
            y[i] = i;
            for (var t = 0; t < d; t++) h[i * d + t] = c * m[i, t];
        }
        var json = Json(CliRunner.Run("svm", "--features", fx.WriteFeatures("h.npy", h, k, d), "--labels", fx.WriteLabels("y.npy", y), "--json"));
        Assert.True(json.GetProperty("certified").GetBoolean());
        Assert.NotEqual(0, json.GetProperty("featureScaleExponent").GetInt32());
        var expected = c * Math.Sqrt(k) / (k - 1);
        // Subnormal margins keep only a few significant bits.
        Assert.Equal(expected, json.GetProperty("margin").GetDouble(), expected * (c < 1e-300 ? 1e-3 : 1e-12));
        var reason = json.GetProperty("outOfRange").GetProperty(outside).GetString()!;
        Assert.Contains(magnitude, reason);
    }

    [Theory]
    [InlineData("active-set")]
    [InlineData("pdlp")]
    public void EtfCollapsedFeaturesGiveTheClosedFormMarginAndW(string method)
    {
        // h_i = c·m_{y_i} on a simplex ETF: W = (K−1)/(cK)·M and margin c√K/(K−1) (docs/svm.md).
        const int k = 4, d = 6, perClass = 3;
        const double c = 2.0;
        using var fx = new NpyFixtures();
        var m = SimplexEtf.Random(k, d, seed: 2);
        var h = new double[k * perClass * d];
        var y = new int[k * perClass];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = i % k;
            for (var t = 0; t < d; t++) h[i * d + t] = c * m[y[i], t];
        }
        var features = fx.WriteFeatures("h.npy", h, y.Length, d);
        var labels = fx.WriteLabels("y.npy", y);
        var outPath = fx.PathOf("W.npy");

        var json = Json(CliRunner.Run("svm", "--features", features, "--labels", labels, "--method", method, "--out", outPath, "--json"));

        Assert.Equal(c * Math.Sqrt(k) / (k - 1), json.GetProperty("margin").GetDouble(), 12);
        Assert.True(json.GetProperty("certified").GetBoolean());
        var w = NpyReader.ReadMatrix(outPath).ToMatrix();
        Assert.True((w - (k - 1) / (c * k) * m).FrobeniusNorm() < 1e-10);
    }

    [Fact]
    public void TextOutputListsTheMarginAndTheCertificate()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("svm", "--features", h, "--labels", y);
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var key in new[] { "margin", "normW", "supportVectors", "maxViolation", "dualityGap", "stationarity", "certified" })
            Assert.Contains(key, r.Stdout);
    }

    [Fact]
    public void NonSeparableFeaturesAreBadInputNamingTheFile()
    {
        using var fx = new NpyFixtures();
        // h and 2h in different classes: separable only with a bias.
        var features = fx.WriteFeatures("h.npy", [1.0, 0.5, 2.0, 1.0], 2, 2);
        var labels = fx.WriteLabels("y.npy", 0, 1);
        var r = CliRunner.Run("svm", "--features", features, "--labels", labels);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith($"error: {features}: the classes are not linearly separable", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void EmptyClassIsBadInput()
    {
        using var fx = new NpyFixtures();
        var features = fx.WriteFeatures("h.npy", [1.0, 0, 0, 1, 1, 1], 3, 2);
        var labels = fx.WriteLabels("y.npy", 0, 2, 0);
        var r = CliRunner.Run("svm", "--features", features, "--labels", labels);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("class 1 has no samples", r.Stderr);
    }

    [Fact]
    public void UnknownMethodIsABadFlag()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("svm", "--features", h, "--labels", y, "--method", "glop");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("glop", r.Stderr);
    }
}
