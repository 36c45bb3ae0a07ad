using System.Security.Cryptography;
using System.Text.Json;
using Collapse.Theory.IO;
using Collapse.Theory.Metrics;
using Xunit;

namespace Collapse.Theory.Tests.Golden;

/// <summary>
/// The fast core reproduces the scalar two-pass engine it replaced: every value of the golden `collapse metrics --json`
/// outputs (captured before the rewrite, see <see cref="GoldenCases"/>) to 1e-9 relative, every count exactly,
/// for one and for two threads.
/// </summary>
public class GoldenMetricsTests
{
    private const double Relative = 1e-9;
    private static readonly string[] Counts = ["classes", "samples", "dim", "nccAccuracy", "nc4", "accuracy"];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var c in GoldenCases.All)
        {
            data.Add(c.Name, 1);
            data.Add(c.Name, 2);
        }
        return data;
    }

    private static string GoldenDir => Path.Combine(AppContext.BaseDirectory, "Golden");

    [Theory]
    [MemberData(nameof(Cases))]
    public void EngineReproducesTheGoldenScalarOutput(string name, int threads)
    {
        var c = GoldenCases.All.Single(x => x.Name == name);
        using var dir = new IO.TempDir();
        var (f, l, w, b) = GoldenCases.Write(c, dir.Path);
        CheckInputsAreTheCapturedOnes(name, dir.Path);
        var report = NpyMetricsPipeline.Compute(new NpyMetricsInputs(f, l, w, b),
            new MetricOptions { Threads = threads, PairMargins = PairMarginMode.Matrix });
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenDir, name + ".json")));
        var actual = report.ToKeyValues().ToDictionary(p => p.Key, p => p.Value);
        foreach (var prop in golden.RootElement.EnumerateObject())
        {
            if (prop.Name == "classPairMargins")
            {
                var m = report.Margins!.ClassPair;
                var rows = prop.Value.EnumerateArray().ToArray();
                Assert.Equal(rows.Length, m.GetLength(0));
                for (var i = 0; i < rows.Length; i++)
                {
                    var cols = rows[i].EnumerateArray().ToArray();
                    for (var j = 0; j < cols.Length; j++) Close(cols[j], m[i, j], $"{name}: γ[{i},{j}]");
                }
                continue;
            }
            Assert.True(actual.TryGetValue(prop.Name, out var v), $"{name}: key {prop.Name} missing");
            if (Counts.Contains(prop.Name)) Assert.True(prop.Value.GetDouble() == v, $"{name}: {prop.Name} golden {prop.Value.GetDouble():R}, engine {v:R} (must be exact)");
            else Close(prop.Value, v, $"{name}: {prop.Name}");
        }
        Assert.Equal(golden.RootElement.EnumerateObject().Count(p => p.Name != "classPairMargins"), actual.Count);
    }

    private static void Close(JsonElement golden, double actual, string what)
    {
        if (golden.ValueKind == JsonValueKind.Null)
        {
            Assert.False(double.IsFinite(actual), $"{what}: golden is non-finite (null), engine {actual:R}");
            return;
        }
        var e = golden.GetDouble();
        Assert.True(Math.Abs(actual - e) <= Relative * Math.Abs(e) + 1e-300, $"{what}: golden {e:R}, engine {actual:R}, relative {Math.Abs(actual - e) / Math.Abs(e):E2}");
    }

    private static void CheckInputsAreTheCapturedOnes(string name, string dir)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(GoldenDir, "inputs.sha256")))
        {
            var parts = line.Split(' ', 2);
            if (!parts[1].StartsWith(name + "/", StringComparison.Ordinal)) continue;
            var file = Path.Combine(dir, parts[1][(name.Length + 1)..]);
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            Assert.True(hash == parts[0], $"{parts[1]}: the generator no longer writes the captured input (sha256 {hash} ≠ {parts[0]})");
        }
    }
}
