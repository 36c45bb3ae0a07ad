using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>`collapse report` end to end on a few fast registered claims (the full quick profile is a benchmark).</summary>
public class ReportRunTests
{
    private static string OutDir() => Path.Combine(Path.GetTempPath(), "collapse-cli-report", Guid.NewGuid().ToString("N"), "r");

    private static JsonElement Results(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json"))).RootElement.Clone();

    [Fact]
    public void HoldingClaimsExitZeroAndWriteHtmlMarkdownAndJson()
    {
        var dir = OutDir();
        var r = CliRunner.Run("report", "--claims", "margin-risk-sandwich,rademacher-exact-supremum", "--seed", "3", "--out", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("report: 2 claims: 2 hold, 0 fail, 0 inconclusive", r.Stdout);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        Assert.True(File.Exists(Path.Combine(dir, "report.md")));
        var json = Results(dir);
        Assert.True(json.GetProperty("allHold").GetBoolean());
        Assert.Equal(3, json.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.Equal(["margin-risk-sandwich", "rademacher-exact-supremum"],
            json.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order());
        Assert.All(json.GetProperty("claims").EnumerateArray(), c => Assert.Equal("holds", c.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void DeliberatelyFalseParameterExitsOneWithARedSectionAndItsReplay()
    {
        var dir = OutDir();
        var r = CliRunner.Run("report", "--claims", "rademacher-linear-bound", "--param", "rademacher-linear-bound:boundFactor=0.5", "--out", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("FAILS rademacher-linear-bound:", r.Stdout);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<article class=\"claim fails\" id=\"claim-rademacher-linear-bound\">", html);
        Assert.Contains("<h4>Falsifying instance</h4>", html);
        var claim = Results(dir).GetProperty("claims")[0];
        Assert.Equal("fails", claim.GetProperty("verdict").GetString());
        var replay = claim.GetProperty("replay").GetString()!;
        Assert.Contains("--param rademacher-linear-bound:boundFactor=0.5", replay);

        // The replay command reproduces the same falsifying case.
        var args = replay.Split(' ')[1..].ToList();
        args[^1] = OutDir();
        var again = CliRunner.Run([.. args]);
        Assert.Equal(1, again.ExitCode);
        var replayed = Results(args[^1]).GetProperty("claims")[0];
        Assert.Equal(claim.GetProperty("seed").GetInt32(), replayed.GetProperty("seed").GetInt32());
        Assert.Equal(claim.GetProperty("measured").GetDouble(), replayed.GetProperty("measured").GetDouble());
    }

    [Fact]
    public void ListNamesEveryClaimOfTheProfile()
    {
        var r = CliRunner.Run("report", "--list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("rademacher-linear-bound", r.Stdout);
        Assert.Contains("inequality", r.Stdout);
    }

    [Fact]
    public void OnlyTheFullProfileRunsTheDeepValidationClaims()
    {
        var quick = CliRunner.Run("report", "--profile", "quick", "--list");
        Assert.Equal(0, quick.ExitCode);
        Assert.DoesNotContain("deep-", quick.Stdout);
        var full = CliRunner.Run("report", "--profile", "full", "--list");
        Assert.Equal(0, full.ExitCode);
        foreach (var id in new[] { "deep-nc1-decreases-mnist", "deep-margin-growth-mnist", "deep-tpt-test-gain", "deep-permutation-etf-vs-hetero" })
            Assert.Contains(id, full.Stdout);
    }

    [Theory]
    [InlineData("deep-tpt-test-gain")]
    [InlineData("deep-*")]
    public void AskingTheQuickProfileForADeepClaimSaysWhichProfileRunsIt(string entry)
    {
        var r = CliRunner.Run("report", "--claims", entry, "--out", Path.Combine(Path.GetTempPath(), "collapse-never-written"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--claims {entry}: ", r.Stderr);
        Assert.Contains("run only by --profile full (not by --profile quick)", r.Stderr);
    }

    [Fact]
    public void QuickProfileChecksAtLeastTwentyClaims()
    {
        var r = CliRunner.Run("report", "--profile", "quick", "--list");
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.Stdout.Trim().Split('\n').Length >= 20, r.Stdout);
    }
}
