using System.Text.Json;
using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Cli.Tests;

public class EtfCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    [InlineData(4, 10)]
    [InlineData(10, 512)]
    public void StandardEtfHasTheSimplexGeometry(int k, int d)
    {
        var json = Json("etf", "--classes", k.ToString(), "--dim", d.ToString(), "--json");
        Assert.Equal(k, json.GetProperty("classes").GetInt32());
        Assert.Equal(d, json.GetProperty("dim").GetInt32());
        Assert.InRange(json.GetProperty("gramError").GetDouble(), 0, 1e-12);
        Assert.Equal(-1.0 / (k - 1), json.GetProperty("minCosine").GetDouble(), 12);
        Assert.Equal(-1.0 / (k - 1), json.GetProperty("maxCosine").GetDouble(), 12);
        Assert.InRange(json.GetProperty("normSpread").GetDouble(), 0, 1e-12);
        Assert.InRange(json.GetProperty("columnSumNorm").GetDouble(), 0, 1e-12);
        var sv = json.GetProperty("singularValues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(Math.Min(k, d), sv.Length);
        for (var i = 0; i < k - 1; i++) Assert.Equal(Math.Sqrt(k / (k - 1.0)), sv[i], 12);
    }

    [Fact]
    public void RandomEtfIsReproducibleFromItsSeedAndStillAnEtf()
    {
        var a = Json("etf", "--classes", "5", "--dim", "8", "--seed", "3", "--json");
        var b = Json("etf", "--classes", "5", "--dim", "8", "--seed", "3", "--json");
        Assert.Equal(a.ToString(), b.ToString());
        Assert.InRange(a.GetProperty("gramError").GetDouble(), 0, 1e-12);
        Assert.Equal("random", a.GetProperty("kind").GetString());
    }

    [Fact]
    public void OutWritesTheMatrixAndPermuteReordersItsRows()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-etf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var plain = Path.Combine(dir, "m.npy");
            var permuted = Path.Combine(dir, "p.npy");
            Json("etf", "--classes", "6", "--dim", "7", "--seed", "11", "--out", plain, "--json");
            var json = Json("etf", "--classes", "6", "--dim", "7", "--seed", "11", "--permute", "--out", permuted, "--json");
            var pi = json.GetProperty("permutation").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var m = NpyReader.ReadMatrix(plain);
            var p = NpyReader.ReadMatrix(permuted);
            Assert.Equal(new long[] { 6, 7 }, m.Shape);
            for (var k = 0; k < 6; k++)
                Assert.Equal(m.Data.AsSpan(pi[k] * 7, 7).ToArray(), p.Data.AsSpan(k * 7, 7).ToArray());
            Assert.Equal(2, Directory.GetFiles(dir).Length); // no temporary files left
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TextOutputNamesEveryDiagnostic()
    {
        var r = CliRunner.Run("etf", "--classes", "3", "--dim", "2");
        Assert.Equal(0, r.ExitCode);
        foreach (var key in new[] { "gramError", "minCosine", "maxCosine", "normSpread", "minNorm", "maxNorm", "columnSumNorm", "singularValues" })
            Assert.Matches($@"(?m)^{key}\s+\S", r.Stdout);
    }
}
