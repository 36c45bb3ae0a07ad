using System.Text.Json;
using Collapse.Reports.Rendering;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>The normal report shows case statistics, declared falsifiers, references and the claims by kind.</summary>
public class CaseStatisticsReportTests
{
    private static readonly CaseStatistics Stats = new(18, 2, 9, 0.25, 0.5);

    private static DelegateClaim Bound() => new("test-bound",
        _ => new ClaimResult("test-bound", new Dictionary<string, string>(), 0.5, 1, 0, Verdict.Holds, 1, "ok") { Cases = Stats },
        new Dictionary<string, string> { ["f"] = "1" }, ClaimKind.Inequality, [Falsifier.Of("halved", "the bound halved", ("f", "0.5"))]);

    private static DelegateClaim Definition() => new("test-definition",
        _ => new ClaimResult("test-definition", new Dictionary<string, string>(), 0, 0, 0, Verdict.Holds, 1, "ok"), kind: ClaimKind.Definition);

    [Fact]
    public void JsonCarriesCasesFalsifiersReferencesAndKindCounts()
    {
        var report = TestReports.Run([Bound(), Definition()]);
        using var doc = JsonDocument.Parse(JsonRenderer.Render(report));
        var root = doc.RootElement;
        Assert.Equal("check", root.GetProperty("mode").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("evidence").GetInt32());
        Assert.Equal(1, summary.GetProperty("definitions").GetInt32());
        Assert.Equal(1, summary.GetProperty("byKind").GetProperty("inequality").GetInt32());
        Assert.Equal(0, summary.GetProperty("byKind").GetProperty("identity").GetInt32());
        var claim = root.GetProperty("claims")[0];
        var cases = claim.GetProperty("cases");
        Assert.Equal(18, cases.GetProperty("checked").GetInt32());
        Assert.Equal(2, cases.GetProperty("skipped").GetInt32());
        Assert.Equal(9, cases.GetProperty("informative").GetInt32());
        Assert.Equal(0.5, cases.GetProperty("informativeFraction").GetDouble());
        Assert.Equal(0.25, cases.GetProperty("medianTightness").GetDouble());
        Assert.Equal(0.5, cases.GetProperty("medianSlack").GetDouble());
        Assert.Equal("halved", claim.GetProperty("falsifiers")[0].GetProperty("name").GetString());
        Assert.False(root.GetProperty("claims")[1].TryGetProperty("cases", out _));
    }

    [Fact]
    public void HtmlAndMarkdownShowCasesFalsifiersAndDefinitionsSeparately()
    {
        var report = TestReports.Run([Bound(), Definition()]);
        var html = HtmlRenderer.Render(report);
        Assert.Contains("All 2 claims hold (1 evidence claims; 1 definitions, not counted as evidence).", html);
        Assert.Contains("18 checked, 2 skipped; 9 informative (50%); median tightness 0.25; median slack 0.5", html);
        Assert.Contains("halved (the bound halved)", html);
        Assert.Contains("1 definition (not counted as evidence)", html);
        var md = MarkdownRenderer.Render(report).Markdown;
        Assert.Contains("| cases | 18 checked, 2 skipped; 9 informative (50%); median tightness 0.25; median slack 0.5 |", md);
        Assert.Contains("| falsifiers | none declared yet |", md);
    }
}
