using System.Text.Json;
using Collapse.Reports.Rendering;
using Collapse.Reports.Tests.Fixtures;
using Xunit;

namespace Collapse.Reports.Tests;

public class RendererTests
{
    [Fact]
    public void HtmlHasSummaryEnvironmentAndOneSectionPerClaim()
    {
        var html = HtmlRenderer.Render(TestReports.Passing());
        Assert.Contains("<h1>Collapse proof-sanity report</h1>", html);
        Assert.Contains("<h2>Summary</h2>", html);
        Assert.Contains("<h2>Environment</h2>", html);
        Assert.Contains("id=\"claim-test-cauchy-schwarz\"", html);
        Assert.Contains("id=\"claim-test-logistic-rate\"", html);
        Assert.Contains("All 2 claims hold.", html);
        // Three claim plots plus the two overview plots of the summary.
        Assert.Equal(5, Count(html, "<svg class=\"plot\""));
        Assert.Contains("aria-label=\"|measured − expected| per claim\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.Contains("Content-Security-Policy", html);
    }

    [Fact]
    public void FailingSectionIsRedWithFalsifyingInstanceAndReplaySeed()
    {
        var report = TestReports.Failing();
        var html = HtmlRenderer.Render(report);
        var cs = report.Sections.Single(s => s.Id == "test-cauchy-schwarz");
        var start = html.IndexOf("<article class=\"claim fails\" id=\"claim-test-cauchy-schwarz\">", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var article = html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
        Assert.Contains("<h4>Falsifying instance</h4>", article);
        Assert.Contains("u = [", article);
        Assert.Contains($"Falsifying case seed <b>{cs.Result.Seed}</b> (derived from base seed 7)", article);
        Assert.Contains("--param test-cauchy-schwarz:c=0.5", article);
        Assert.Contains("class=\"overall fails\"", html);
        Assert.Contains("<a href=\"#claim-test-cauchy-schwarz\">test-cauchy-schwarz</a>", html);
    }

    [Fact]
    public void HtmlEscapesClaimText()
    {
        var html = HtmlRenderer.Render(TestReports.Failing());
        Assert.DoesNotContain("<b>badly</b>", html);
        Assert.Contains("&lt;b&gt;badly&lt;/b&gt;", html);
    }

    [Fact]
    public void MarkdownHasTheSameSectionsAndReferencesItsPngs()
    {
        var rendered = MarkdownRenderer.Render(TestReports.Failing());
        var md = rendered.Markdown;
        Assert.StartsWith("# Collapse proof-sanity report", md);
        Assert.Contains("\n## Summary\n", md);
        Assert.Contains("\n## Environment\n", md);
        Assert.Contains("### ❌ **FAILS** `test-cauchy-schwarz`", md);
        Assert.Contains("**Falsifying instance.**", md);
        Assert.Contains("```text\ncase ", md);
        Assert.Equal(5, rendered.Images.Count);
        Assert.Contains("](plots/_overview-1.png)", md);
        foreach (var (path, bytes) in rendered.Images)
        {
            Assert.Contains($"]({path})", md);
            Assert.Equal(0x89, bytes[0]); // PNG signature
        }
    }

    [Fact]
    public void MarkdownEscapesPlainText()
    {
        Assert.Equal(@"a\_b \*c\* \| \<d\>", MarkdownRenderer.Esc("a_b *c* | <d>"));
    }

    [Fact]
    public void JsonFollowsTheSchema()
    {
        var report = TestReports.Failing();
        using var doc = JsonDocument.Parse(JsonRenderer.Render(report));
        var root = doc.RootElement;
        Assert.Equal("collapse-report/1", root.GetProperty("schema").GetString());
        Assert.False(root.GetProperty("allHold").GetBoolean());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal("quick", root.GetProperty("settings").GetProperty("profile").GetString());
        Assert.Equal("0.5", root.GetProperty("settings").GetProperty("parameterOverrides").GetProperty("test-cauchy-schwarz").GetProperty("c").GetString());
        var env = root.GetProperty("environment");
        foreach (var key in new[] { "collapseVersion", "gitCommit", "dotnet", "os", "cpu", "gpu", "commandLine", "startedUtc" })
            Assert.False(string.IsNullOrEmpty(env.GetProperty(key).GetString()), key);
        Assert.True(env.GetProperty("logicalCores").GetInt32() >= 1);

        var claims = root.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        var cs = claims["test-cauchy-schwarz"];
        Assert.Equal("fails", cs.GetProperty("verdict").GetString());
        Assert.Equal("inequality", cs.GetProperty("kind").GetString());
        Assert.Contains("u = [", cs.GetProperty("falsifyingInstance").GetString());
        Assert.Equal(0.5, cs.GetProperty("expected").GetDouble());
        var crash = claims["test-throws"];
        Assert.Equal(JsonValueKind.Null, crash.GetProperty("measured").ValueKind);
        Assert.Equal("inconclusive", crash.GetProperty("verdict").GetString());
        var rate = claims["test-logistic-rate"];
        var plot = rate.GetProperty("plots")[0];
        Assert.True(plot.GetProperty("logY").GetBoolean());
        var series = plot.GetProperty("series")[1];
        Assert.Equal("dashed", series.GetProperty("style").GetString());
        Assert.Equal(series.GetProperty("x").GetArrayLength(), series.GetProperty("y").GetArrayLength());
    }

    private static int Count(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
