using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>A diverging <c>collapse lesde</c> run ends like a diverging <c>collapse ufm</c> run: exit 4, one error line, the last finite state kept.</summary>
public class LeSdeDivergenceTests
{
    [Xunit.Theory]
    [InlineData("beyond what float64 can square", "--alpha", "5", "--beta", "2", "--rate-exponent", "0", "--horizon", "400", "--steps", "2000")]
    [InlineData("raise --steps to at least 1400", "--alpha", "-1", "--beta", "0", "--rate-exponent", "0", "--horizon", "2801", "--steps", "700", "--noise", "0.1")]
    public void ADivergingRunEndsWithOneErrorLineAndKeepsTheLastFiniteState(string advice, params string[] flags)
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("sde");
        var r = CliRunner.Run(["lesde", .. flags, "--log-points", "30", "--out", dir]);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var line = Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Matches(@"^error: run diverged at step (\d+) \(t = [^,]+, ‖F̃‖ (inf|nan)\); last finite state kept in .+/sde/ \(step \d+, t = [^:]+: trajectory\.csv, summary\.json, plots/\); .+$", line);
        Assert.Contains(advice, line);
        var step = int.Parse(Regex.Match(line, @"step (\d+) ").Groups[1].Value, CultureInfo.InvariantCulture);

        var rows = File.ReadAllLines(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal((step - 1).ToString(CultureInfo.InvariantCulture), rows[^1].Split(',')[0]);
        Assert.True(double.IsFinite(double.Parse(rows[^1].Split(',')[1], CultureInfo.InvariantCulture)));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.False(root.GetProperty("completed").GetBoolean());
        Assert.Equal(step - 1, root.GetProperty("stepsDone").GetInt32());
        Assert.Equal(step, root.GetProperty("divergence").GetProperty("step").GetInt32());
        Assert.Equal(step - 1, root.GetProperty("final").GetProperty("step").GetInt32());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "plots"), "*.png"));
    }

    [Fact]
    public void JsonStillPrintsTheSummaryOfTheKeptState()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run("lesde", "--alpha", "5", "--beta", "2", "--rate-exponent", "0", "--no-plots", "--json", "--out", fx.PathOf("sde"));
        Assert.Equal(4, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("divergence").ValueKind);
        Assert.Contains("trajectory.csv, summary.json);", r.Stderr);
    }

    [Fact]
    public void ARunAtTheDefaultsHasNoDivergenceEntry()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run("lesde", "--steps", "400", "--horizon", "50", "--no-plots", "--json", "--out", fx.PathOf("sde"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("", r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("divergence").ValueKind);
        Assert.True(json.RootElement.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public void AnInitialStateThatOverflowsIsBadInputAndLeavesNoFolder()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("sde");
        var r = CliRunner.Run("lesde", "--init-separation", "1e200", "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --init-separation 1E+200", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }
}
