using System.Globalization;
using System.Text.Json;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Merging;
using Collapse.Sweeps.Planning;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class MergeTests
{
    private static IReadOnlyList<KeyValuePair<string, string>> Flat(string json, params string[] exclude)
    {
        using var doc = JsonDocument.Parse(json);
        return ResultFlattener.Flatten(doc.RootElement, exclude);
    }

    [Fact]
    public void NestedObjectsBecomeDottedColumnsAndNumbersKeepTheirText()
    {
        var cells = Flat("""{"a": 1.50, "b": {"c": 1e-300, "d": "x", "e": null, "f": true}}""");
        Assert.Equal([new("a", "1.50"), new("b.c", "1e-300"), new("b.d", "x"), new("b.e", ""), new("b.f", "true")], cells);
    }

    [Fact]
    public void ClaimListsBecomeOneGroupOfColumnsPerClaimOtherListsAreLeftOut()
    {
        var cells = Flat("""{"claims": [{"claimId": "ramp-sandwich", "verdict": "holds", "slack": 0.5}, {"claimId": "etf-gram", "verdict": "fails"}], "sv": [1, 2], "rows": [{"x": 1}]}""");
        Assert.Equal([new("claims.ramp-sandwich.verdict", "holds"), new("claims.ramp-sandwich.slack", "0.5"), new("claims.etf-gram.verdict", "fails")], cells);
    }

    [Fact]
    public void ExcludedKeysDropThemselvesAndEverythingBelow()
    {
        var cells = Flat("""{"wallSeconds": 3.2, "final": {"nc1": 0.1, "timing": {"s": 1}}, "claims": [{"id": "a", "verdict": "holds"}]}""", "wallSeconds", "final.timing", "claims.a");
        Assert.Equal([new("final.nc1", "0.1")], cells);
    }

    [Fact]
    public void CsvQuotesOnlyWhereNeededAndParsesBack()
    {
        string[] fields = ["plain", "a,b", "say \"hi\"", "two\nlines", ""];
        var line = Csv.Line(fields);
        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n", line);
        Assert.Equal(fields, Csv.Parse(line).Single());
    }

    [Fact]
    public async Task MergeHasOneRowPerRunWithConfigResultsVerdictsAndFailedRunsErrorLines()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "axes": {"classes": [2, 3], "mode": ["ok", "fail"]}, "seeds": 2, "exclude": ["wallSeconds"]}""");
        // Leave the last run unfinished.
        foreach (var run in plan.Runs.Take(7))
            await RunExecutor.ExecuteAsync(plan, run, Fixtures.FakeCollapse, null, CancellationToken.None);
        var table = SweepMerger.Merge(plan);
        var files = SweepMerger.Write(table);

        var rows = Csv.Parse(File.ReadAllText(files.Table));
        Assert.Equal(["index", "id", "state", "classes", "mode", "seed", "product", "nested.sum", "nested.none", "claims.c1.verdict", "errorLine"], rows[0]);
        Assert.Equal(9, rows.Count);
        var byIndex = rows.Skip(1).ToDictionary(r => int.Parse(r[0], CultureInfo.InvariantCulture));
        Assert.Equal(["1", plan.Runs[1].Id, "done", "2", "ok", "1", "2", "3", "", "holds", ""], byIndex[1]);
        Assert.Equal(["2", plan.Runs[2].Id, "failed", "2", "fail", "0", "", "", "", "", "error: --classes 2: refused"], byIndex[2]);
        Assert.Equal("pending", byIndex[7][2]);
        Assert.Equal((4, 3, 1), (table.Count(RunState.Done), table.Count(RunState.Failed), table.Count(RunState.Pending)));

        var status = Csv.Parse(File.ReadAllText(files.Status));
        Assert.Equal(["index", "id", "state", "exitCode", "wallSeconds", "host", "finishedUtc", "errorLine"], status[0]);
        Assert.Equal("2", status[3][3]);
        Assert.Equal("", status[8][3]);
    }

    [Fact]
    public async Task AxisPlotDataAveragesOverSeedsPerSeriesOfTheOtherAxes()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "fixed": {"mode": "ok"}, "axes": {"classes": [2, 3], "steps": [10, 20]}, "seeds": [1, 2, 4], "exclude": ["wallSeconds"]}""");
        await LocalExecutor.RunAsync(plan, 2, false, Fixtures.InProcess(plan), null, CancellationToken.None);
        var points = AxisSummary.Compute(SweepMerger.Merge(plan));

        // product = classes · seed, over seeds {1, 2, 4}: mean 7/3·classes, sample std = classes·sqrt(7/3).
        var p = points.Single(x => x.Axis == "classes" && x.X == "3" && x.Series == "steps=20" && x.Metric == "product");
        Assert.Equal(3, p.Count);
        Assert.Equal(7.0, p.Mean, 12);
        Assert.Equal(3 * Math.Sqrt(7.0 / 3.0), p.Std, 12);
        Assert.Equal((3.0, 12.0), (p.Min, p.Max));

        // Against the seed axis, each point is one run: the spread across seeds is visible point by point.
        var s = points.Single(x => x.Axis == "seed" && x.X == "4" && x.Series == "classes=2 steps=10" && x.Metric == "product");
        Assert.Equal((1, 8.0, 0.0), (s.Count, s.Mean, s.Std));

        // Text columns (the verdicts) are not plotted.
        Assert.DoesNotContain(points, x => x.Metric == "claims.c1.verdict");
        var file = Csv.Parse(File.ReadAllText(SweepMerger.Write(SweepMerger.Merge(plan)).Axes));
        Assert.Equal(["axis", "x", "series", "metric", "n", "mean", "std", "min", "max"], file[0]);
        Assert.Equal(points.Count + 1, file.Count);
    }

    [Fact]
    public async Task ResultsThatEchoTheRunsOptionsAreLeftOutOfTheTable()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "fixed": {"classes": 3, "dim": 4}}""");
        var echo = new CommandLauncher("/bin/sh", ["-c", "echo '{\"classes\": 3, \"dim\": 5, \"value\": 1}'", "sh"]);
        await RunExecutor.ExecuteAsync(plan, plan.Runs[0], echo, null, CancellationToken.None);
        var table = SweepMerger.Merge(plan);
        Assert.Equal(["index", "id", "state", "classes", "dim", "result.dim", "value", "errorLine"], table.Columns);
    }
}
