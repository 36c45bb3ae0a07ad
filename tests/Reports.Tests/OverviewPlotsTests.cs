using Collapse.Reports.Plots;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

public class OverviewPlotsTests
{
    [Fact]
    public void DifferencePlotHasOnePointPerClaimByKindPlusTolerancesOnALogAxis()
    {
        var report = TestReports.Failing();
        var plot = OverviewPlots.Difference(report);
        Assert.True(plot.LogY);
        Assert.Equal(["identity", "inequality", "asymptotic", "tolerance"], plot.Series.Select(s => s.Name));
        Assert.Equal(report.Sections.Count, plot.Series.Where(s => s.Name != "tolerance").Sum(s => s.X.Count));
        var cs = report.Sections.Single(s => s.Id == "test-cauchy-schwarz");
        Assert.Equal(Math.Abs(cs.Result.Measured - cs.Result.Expected), plot.Series.Single(s => s.Name == "inequality").Y.Single());
        Assert.Equal(report.Sections.Select(s => s.Result.Tolerance), plot.Series.Single(s => s.Name == "tolerance").Y);
        Assert.All(plot.Series, s => Assert.Equal(SeriesStyle.Points, s.Style));
    }

    [Fact]
    public void WallTimePlotListsEveryClaimInOrder()
    {
        var report = TestReports.Passing();
        var plot = OverviewPlots.WallTime(report);
        Assert.Equal([1.0, 2.0], plot.Series.Single().X);
        Assert.Equal(report.Sections.Select(s => s.WallSeconds), plot.Series.Single().Y);
    }
}
