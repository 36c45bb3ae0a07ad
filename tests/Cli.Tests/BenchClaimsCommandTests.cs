using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary><c>collapse bench claims</c>: the tolerance survey over seeds.</summary>
public class BenchClaimsCommandTests
{
    [Fact]
    public void JsonRecordsEverySeedAndTheHeadroom()
    {
        var r = CliRunner.Run("bench", "claims", "--claims", "etf-gram,welch-bound", "--seeds", "1-3", "--cases", "5", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("collapse-bench-claims/1", root.GetProperty("schema").GetString());
        Assert.Equal(3, root.GetProperty("seeds").GetArrayLength());
        var gram = root.GetProperty("claims")[0];
        Assert.Equal("etf-gram", gram.GetProperty("id").GetString());
        Assert.Equal(3, gram.GetProperty("runs").GetArrayLength());
        Assert.Equal(3, gram.GetProperty("holds").GetInt32());
        var tolerance = gram.GetProperty("tolerance").GetDouble();
        var worst = gram.GetProperty("worstExcess").GetDouble();
        Assert.InRange(worst, 0, tolerance);
        Assert.Equal(tolerance / worst, gram.GetProperty("headroom").GetDouble(), 1e-9);
        var worstRun = gram.GetProperty("runs").EnumerateArray().Max(x => x.GetProperty("excess").GetDouble());
        Assert.Equal(worst, worstRun);
        Assert.False(gram.GetProperty("flagged").GetBoolean());
        Assert.Contains("[2/2] welch-bound", r.Stderr);
    }

    [Fact]
    public void AFalsifiedClaimIsFlaggedAndExitsOne()
    {
        var r = CliRunner.Run("bench", "claims", "--claims", "etf-gram", "--seeds", "1,2", "--cases", "5", "--param", "etf-gram:cosineOffset=0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("LOW", r.Stdout);
        Assert.Contains("0/2", r.Stdout);
        Assert.Contains("1 flagged", r.Stderr);
    }

    [Fact]
    public void MarkdownTableHasOneRowPerClaim()
    {
        var r = CliRunner.Run("bench", "claims", "--claims", "etf-gram", "--seeds", "1", "--cases", "2", "--markdown", "--min-headroom", "0");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("| `etf-gram` | identity |", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seeds", "1-x")]
    [InlineData("--seeds", "5-1")]
    [InlineData("--cases", "0")]
    [InlineData("--claims", "no-such-claim")]
    [InlineData("--param", "etf-gram:typo=1")]
    [InlineData("--min-headroom", "-1")]
    public void BadInputExitsTwoWithOneLine(string flag, string value)
    {
        var args = new Dictionary<string, string> { ["--claims"] = "etf-gram", ["--seeds"] = "1", ["--cases"] = "2" };
        args[flag] = value;
        var r = CliRunner.Run(["bench", "claims", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: " + flag, r.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
