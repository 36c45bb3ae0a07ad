using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

public class LeSdeCommandTests
{
    private static string[] Args(string dir, params string[] extra) => ["lesde", "--steps", "400", "--horizon", "50", "--log-points", "8", "--out", dir, .. extra];

    [Fact]
    public void RunWritesTrajectorySummaryAndPlots()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("run");
        var r = CliRunner.Run(Args(dir, "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal(9, lines.Length); // header + 8 logged times
        Assert.StartsWith("step,time,alpha,beta,gamma,", lines[0]);
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("collapse lesde", summary.GetProperty("tool").GetString());
        Assert.Equal(50, summary.GetProperty("final").GetProperty("time").GetDouble(), 9);
        Assert.Equal("ω(1/t)", summary.GetProperty("config").GetProperty("rateClass").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.json")), r.Stdout);
        var pngs = Directory.GetFiles(Path.Combine(dir, "plots"), "*.png");
        Assert.Equal(4, pngs.Length);
        Assert.All(pngs, p => Assert.True(new FileInfo(p).Length > 1000));
    }

    [Fact]
    public void TextOutputIsOneSummaryLineAndASeedReplays()
    {
        using var fx = new NpyFixtures();
        var a = CliRunner.Run(Args(fx.PathOf("a"), "--transform", "etf", "--classes", "4", "--seed", "5", "--no-plots"));
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Single(a.Stdout.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("lesde: K=4 m=4 n=20", a.Stdout);
        Assert.Equal(0, CliRunner.Run(Args(fx.PathOf("b"), "--transform", "etf", "--classes", "4", "--seed", "5", "--no-plots")).ExitCode);
        Assert.Equal(File.ReadAllBytes(fx.PathOf("a/trajectory.csv")), File.ReadAllBytes(fx.PathOf("b/trajectory.csv")));
        Assert.False(Directory.Exists(fx.PathOf("a/plots")));
    }

    [Theory]
    [InlineData("--transform", "etf", "--dim", "2", "--transform etf")]
    [InlineData("--horizon", "0.5", "", "", "--horizon")]
    [InlineData("--classes", "1", "", "", "--classes")]
    [InlineData("--log-points", "1", "", "", "--log-points")]
    public void BadFlagsExitTwoWithOneLineAndNoOutput(string flag, string value, string flag2, string value2, string named)
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("bad");
        string[] extra = flag2.Length == 0 ? [flag, value] : [flag, value, flag2, value2];
        var r = CliRunner.Run(Args(dir, extra));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains(named, r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(dir));
    }
}
