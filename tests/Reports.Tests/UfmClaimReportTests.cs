using Collapse.Reports.Model;
using Collapse.Reports.Rendering;
using Collapse.Reports.Running;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using Collapse.Ufm.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>The report over a real UFM claim (short trajectory): its section carries the claim's trajectory plots.</summary>
public class UfmClaimReportTests
{
    [Fact]
    public void UfmClaimSectionRendersItsTrajectoryPlots()
    {
        var claims = new IClaim[] { new MarginGrowthClaim() };
        var overrides = ParameterOverrides.Parse(
            ["ufm-margin-growth:steps=3000", "ufm-margin-growth:classes=3", "ufm-margin-growth:dim=4", "ufm-margin-growth:perClass=4"], claims);
        var report = TestReports.Run(claims, new ReportSettings("quick", 1, 20) { ParameterOverrides = overrides });
        var section = Assert.Single(report.Sections);
        Assert.Null(section.Error);
        Assert.Equal(Verdict.Holds, section.Verdict);
        Assert.Contains(section.Plots, p => p.Title == "Minimum margin p_min and log-loss vs step");

        var html = HtmlRenderer.Render(report);
        var start = html.IndexOf("id=\"claim-ufm-margin-growth\"", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var article = html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
        Assert.Equal(section.Plots.Count, Count(article, "<svg class=\"plot\""));
        Assert.Contains("aria-label=\"Minimum margin p_min and log-loss vs step\"", article);
        Assert.Contains("separable (p_min &gt; 0)", article);
    }

    private static int Count(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
