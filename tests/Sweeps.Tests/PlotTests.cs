using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Merging;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class PlotTests
{
    private static async Task<IReadOnlyList<PlotSpec>> Plots(string spec)
    {
        var plan = Fixtures.Plan(spec);
        await LocalExecutor.RunAsync(plan, 2, false, Fixtures.InProcess(plan), null, CancellationToken.None);
        var table = SweepMerger.Merge(plan);
        return SweepPlots.Build(table, AxisSummary.Compute(table));
    }

    [Fact]
    public async Task EachVaryingResultIsPlottedAgainstEachAxisOneLinePerSettingOfTheOthers()
    {
        var plots = await Plots("""{"command": "fake", "axes": {"classes": [2, 3, 5], "steps": [10, 20]}, "seeds": [1, 2], "exclude": ["wallSeconds"]}""");
        // product and nested.sum vary; the verdict is text, nested.none is empty: 2 metrics × 2 axes.
        Assert.Equal(["product vs classes", "product vs steps", "nested.sum vs classes", "nested.sum vs steps"], plots.Select(p => p.Title));
        var p = plots[0];
        Assert.Equal(["steps=10", "steps=20"], p.Series.Select(s => s.Name));
        Assert.Equal([2.0, 3.0, 5.0], p.Series[0].X);
        Assert.Equal([3.0, 4.5, 7.5], p.Series[0].Y); // classes · mean(seed 1, 2)
        Assert.False(p.LogX);
    }

    [Fact]
    public async Task ASingleLineGetsTheMinAndMaxOverSeedsDashed()
    {
        var plots = await Plots("""{"command": "fake", "axes": {"classes": [1, 100]}, "seeds": [1, 3], "exclude": ["wallSeconds", "nested"]}""");
        var p = Assert.Single(plots);
        Assert.Equal(["mean", "min", "max"], p.Series.Select(s => s.Name));
        Assert.Equal([SeriesStyle.Line, SeriesStyle.Dashed, SeriesStyle.Dashed], p.Series.Select(s => s.Style));
        Assert.Equal([1.0, 1.0], p.Series[1].Y.Zip(p.Series[0].X, (y, x) => y / x)); // min = classes · 1
        Assert.Equal([3.0, 3.0], p.Series[2].Y.Zip(p.Series[0].X, (y, x) => y / x)); // max = classes · 3
        Assert.True(p.LogX); // 1 … 100 spans two decades
    }

    [Fact]
    public async Task WithOnlySeedsTheSpreadIsPlottedAgainstTheSeed()
    {
        var plots = await Plots("""{"command": "fake", "fixed": {"classes": 2}, "seeds": [1, 2, 3], "exclude": ["wallSeconds", "nested"]}""");
        var p = Assert.Single(plots);
        Assert.Equal("product vs seed", p.Title);
        Assert.Equal([2.0, 4.0, 6.0], p.Series[0].Y);
    }
}
