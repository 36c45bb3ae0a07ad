using System.Text.Json;
using Collapse.Reports.Model;
using Collapse.Reports.Rendering;
using Collapse.Reports.Running;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>Falsify mode: every falsifier of every claim runs, and the report says which were caught.</summary>
public class FalsifyReportTests
{
    private static readonly ReportSettings Falsify = new("quick", 7, 20) { Falsify = true };

    private static ClaimResult Result(string id, Verdict v) => new(id, new Dictionary<string, string>(), 0, 0, 0, v, 1, v.ToString());

    /// <summary>A claim that fails only when its parameter "broken" is "yes", and ignores the other falsifier.</summary>
    private static DelegateClaim Selective() => new("test-selective",
        c => Result("test-selective", c.Parameters.TryGetValue("broken", out var b) && b == "yes" ? Verdict.Fails : Verdict.Holds),
        new Dictionary<string, string> { ["broken"] = "no", ["other"] = "no" }, ClaimKind.Inequality,
        [Falsifier.Of("really-broken", "the formula broken", ("broken", "yes")), Falsifier.Of("ignored", "a change the check does not see", ("other", "yes"))]);

    [Fact]
    public void CaughtFalsifierMakesTheReportPassAndNamesWhatWasBroken()
    {
        var report = TestReports.Run([new CauchySchwarzClaim()], Falsify);
        Assert.True(report.Passed);
        Assert.Equal(ReportRunner.FalsifyTitle, report.Title);
        var run = Assert.Single(report.Sections[0].FalsifierRuns);
        Assert.True(run.Caught);
        Assert.Equal(Verdict.Fails, run.Outcome.Result.Verdict);
        Assert.Equal("collapse check test-cauchy-schwarz --cases 20 --seed 7 --param c=0.5", run.Replay);
        var html = HtmlRenderer.Render(report);
        Assert.Contains("All 1 falsifiers caught.", html);
        Assert.Contains("<b>falsifier caught:</b> the constant c = 1/2 instead of 1", html);
        var md = MarkdownRenderer.Render(report).Markdown;
        Assert.Contains("**falsifier caught:** the constant c = 1/2 instead of 1", md);
    }

    [Fact]
    public void FalsifierTheCheckDoesNotSeeIsNotCaughtAndFailsTheReport()
    {
        var report = TestReports.Run([Selective(), new CauchySchwarzClaim()], Falsify);
        Assert.False(report.Passed);
        var f = report.Falsifiers;
        Assert.Equal(3, f.Declared);
        Assert.Equal(2, f.Caught);
        Assert.Equal(["test-selective/ignored"], f.NotCaught);
        Assert.Equal(Verdict.Fails, report.Sections[0].Verdict);
        Assert.Equal("NOT CAUGHT 1 of 2", ReportFormat.FalsifyStatus(report.Sections[0]));
        var html = HtmlRenderer.Render(report);
        Assert.Contains("<b>NOT CAUGHT:</b> a change the check does not see", html);
        Assert.Contains("2 of 3 falsifiers caught.", html);
        using var json = JsonDocument.Parse(JsonRenderer.Render(report));
        var root = json.RootElement;
        Assert.Equal("falsify", root.GetProperty("mode").GetString());
        Assert.False(root.GetProperty("allCaught").GetBoolean());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("notCaught").GetInt32());
        var runs = root.GetProperty("claims")[0].GetProperty("falsifiers");
        Assert.True(runs[0].GetProperty("caught").GetBoolean());
        Assert.False(runs[1].GetProperty("caught").GetBoolean());
        Assert.Equal("holds", runs[1].GetProperty("verdict").GetString());
        Assert.Equal("yes", runs[1].GetProperty("overrides").GetProperty("other").GetString());
    }

    [Fact]
    public void ClaimWithoutFalsifierIsListedAsPendingAndDoesNotRunItsCheck()
    {
        var ran = false;
        var plain = new DelegateClaim("test-plain", c => { ran = true; return Result("test-plain", Verdict.Holds); });
        var report = TestReports.Run([plain, new CauchySchwarzClaim()], Falsify);
        Assert.False(ran);
        Assert.True(report.Passed);
        Assert.Equal(["test-plain"], report.Falsifiers.Pending);
        Assert.Equal(Verdict.Inconclusive, report.Sections[0].Verdict);
        Assert.Contains("1 claim declares no falsifier yet", HtmlRenderer.Render(report));
        Assert.False(TestReports.Run([plain], Falsify).Passed); // nothing was seen to fail
    }

    [Fact]
    public void ACheckThatThrowsUnderAFalsifierIsNotCaught()
    {
        var thrower = new DelegateClaim("test-thrower", c => c.Parameters.ContainsKey("x") ? throw new InvalidOperationException("boom") : Result("test-thrower", Verdict.Holds),
            new Dictionary<string, string> { ["x"] = "0" }, falsifiers: [Falsifier.Of("crash", "a crash", ("x", "1"))]);
        var outcome = Assert.Single(Falsification.RunAll(thrower, new ClaimContext(new Dictionary<string, string>(), 5, 1)));
        Assert.False(outcome.Caught);
        Assert.Equal(Verdict.Inconclusive, outcome.Result.Verdict);
        Assert.Contains("boom", outcome.Result.Detail);
    }

    [Fact]
    public void FalsifierOverridesWinOverTheRunsOwn()
    {
        var ctx = Falsification.ContextFor(Falsifier.Of("f", "b", ("c", "0.5")), new ClaimContext(new Dictionary<string, string> { ["c"] = "2", ["d"] = "3" }, 4, 9));
        Assert.Equal("0.5", ctx.Parameters["c"]);
        Assert.Equal("3", ctx.Parameters["d"]);
        Assert.Equal((4, 9), (ctx.Cases, ctx.Seed));
    }
}
