using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

public class CheckCommandTests
{
    [Fact]
    public void EtfGramHoldsOnFiveHundredCases()
    {
        var r = CliRunner.Run("check", "etf-gram", "--cases", "500");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("HOLDS  etf-gram", r.Stdout);
        Assert.Contains("500 cases", r.Stdout);
    }

    [Fact]
    public void CheckJsonCarriesTheStructuredVerdict()
    {
        var r = CliRunner.Run("check", "margin-risk-sandwich", "--cases", "50", "--seed", "4", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var o = doc.RootElement;
        Assert.Equal("holds", o.GetProperty("verdict").GetString());
        Assert.Equal("definition", o.GetProperty("kind").GetString()); // 0-1 ≤ ramp ≤ indicator holds by the definition of Φ_γ
        foreach (var key in new[] { "measured", "expected", "tolerance", "slack", "seed", "detail", "replay", "parameters" })
            Assert.True(o.TryGetProperty(key, out _), key);
        Assert.Equal(4, o.GetProperty("baseSeed").GetInt32());
    }

    [Fact]
    public void FalseParameterisationIsFalsifiedWithSeedAndReplay()
    {
        var r = CliRunner.Run("check", "hoeffding-class-mean", "--param", "dimPower=0");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("FAILS", r.Stdout);
        Assert.Matches(@"falsifying seed \d+", r.Stdout);
        Assert.Contains("replay: collapse check hoeffding-class-mean --cases 100 --seed 1 --param dimPower=0", r.Stdout);
        var again = CliRunner.Run("check", "hoeffding-class-mean", "--cases", "100", "--seed", "1", "--param", "dimPower=0");
        Assert.Equal(r.Stdout, again.Stdout);
    }

    [Theory]
    [InlineData("check", "no-such-claim")]
    [InlineData("check", "etf-gram", "--param", "nope=1")]
    [InlineData("check", "etf-gram", "--param", "maxClasses")]
    [InlineData("check", "etf-gram", "--param", "maxClasses=x")]
    [InlineData("check", "etf-gram", "--cases", "0")]
    [InlineData("check", "etf-gram", "--cases", "many")]
    public void BadInputIsExitTwoWithOneLine(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Empty(r.Stdout);
    }
}
