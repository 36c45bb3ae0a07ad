using Collapse.Sweeps.Planning;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class SpecTests
{
    private static string[] Values(string axisJson)
    {
        var spec = Fixtures.Spec("""{"command": "etf", "axes": {"x": """ + axisJson + "}}");
        return spec.Axes[0].Values.Select(v => v.Text).ToArray();
    }

    [Fact]
    public void CountRangeIncludesBothEndsEvenlySpaced() =>
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"], Values("""{"from": 0, "to": 1, "count": 5}"""));

    [Fact]
    public void LogRangeIsGeometricWithExactEnds() =>
        Assert.Equal(["1", "10", "100", "1000"], Values("""{"from": 1, "to": 1000, "count": 4, "scale": "log", "integer": true}"""));

    [Fact]
    public void LogRangeWithoutRoundingHasConstantRatio()
    {
        var v = Values("""{"from": 1, "to": 8, "count": 4, "scale": "log"}""").Select(double.Parse).ToArray();
        Assert.Equal([1.0, 2.0, 4.0, 8.0], v);
    }

    [Fact]
    public void StepRangeHasNoFloatingPointNoise() =>
        Assert.Equal(["0.1", "0.2", "0.3", "0.4"], Values("""{"from": 0.1, "to": 0.4, "step": 0.1}"""));

    [Fact]
    public void DescendingStepRangeWorks() =>
        Assert.Equal(["10", "7", "4", "1"], Values("""{"from": 10, "to": 1, "step": -3}"""));

    [Fact]
    public void ListAxisKeepsNumbersStringsAndBooleans() =>
        Assert.Equal(["3", "1.5", "adam", "true"], Values("""[3, 1.5, "adam", true]"""));

    [Fact]
    public void SeedsCanBeACountAListOrARangeAndComeLast()
    {
        var count = Fixtures.Spec("""{"command": "etf", "seeds": 3, "axes": {"classes": [3, 4]}}""");
        Assert.Equal(["classes", "seed"], count.Axes.Select(a => a.Key));
        Assert.True(count.Axes[^1].IsSeed);
        Assert.Equal(["0", "1", "2"], count.Axes[^1].Values.Select(v => v.Text));
        var list = Fixtures.Spec("""{"command": "etf", "seeds": [7, 11], "seedOption": "base-seed"}""");
        Assert.Equal("base-seed", list.Axes[0].Key);
        var range = Fixtures.Spec("""{"command": "etf", "seeds": {"from": 5, "to": 7, "step": 1}}""");
        Assert.Equal(["5", "6", "7"], range.Axes[0].Values.Select(v => v.Text));
    }

    [Fact]
    public void GridIsTheCartesianProductFirstAxisOutermostSeedsInnermost()
    {
        var spec = Fixtures.Spec("""{"command": "etf", "fixed": {"dim": 8}, "axes": {"classes": [3, 4], "permute": [false, true]}, "seeds": 2}""");
        Assert.Equal(8, spec.PointCount);
        var points = spec.Points().Select(p => string.Join(' ', p.SelectMany(o => o.Arguments()))).ToList();
        Assert.Equal("--classes 3 --seed 0 --dim 8", points[0]);
        Assert.Equal("--classes 3 --seed 1 --dim 8", points[1]);
        Assert.Equal("--classes 3 --permute --seed 0 --dim 8", points[2]);
        Assert.Equal("--classes 4 --permute --seed 1 --dim 8", points[7]);
    }

    [Fact]
    public void DottedKeysBecomeNameValueOptionsAndListsRepeatTheFlag()
    {
        var spec = Fixtures.Spec("""{"command": "check ramp-sandwich", "fixed": {"param.K": 4, "param": ["n=10", "d=3"]}}""");
        Assert.Equal(["check", "ramp-sandwich"], spec.Command);
        var args = spec.Points().Single().SelectMany(o => o.Arguments()).ToArray();
        Assert.Equal(["--param", "K=4", "--param", "n=10", "--param", "d=3"], args);
    }

    [Fact]
    public void RunIdDependsOnTheCommandLineNotOnSpellingOrKeyOrder()
    {
        var a = SweepPlan.Of(Fixtures.Spec("""{"command": "etf", "fixed": {"dim": 8.0, "classes": 3}}"""), "/tmp/a").Runs[0];
        var b = SweepPlan.Of(Fixtures.Spec("""{"command": "etf", "fixed": {"--classes": 3, "dim": 8}}"""), "/tmp/b").Runs[0];
        var c = SweepPlan.Of(Fixtures.Spec("""{"command": "etf", "fixed": {"classes": 3, "dim": 9}}"""), "/tmp/c").Runs[0];
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.Matches("^[0-9a-f]{16}$", a.Id);
    }

    [Fact]
    public void TrainingCommandsDefaultToSummaryResultsOthersToJson()
    {
        Assert.Equal(ResultMode.Summary, Fixtures.Spec("""{"command": "ufm"}""").Result);
        Assert.Equal(ResultMode.Summary, Fixtures.Spec("""{"command": "deep train"}""").Result);
        Assert.Equal(ResultMode.Json, Fixtures.Spec("""{"command": "check ramp-sandwich"}""").Result);
        Assert.Equal(ResultMode.Json, Fixtures.Spec("""{"command": "ufm", "result": "json"}""").Result);
    }

    [Theory]
    [InlineData("""{"axes": {}}""", "\"command\" is required")]
    [InlineData("""{"command": "etf", "axis": {}}""", "unknown key 'axis'")]
    [InlineData("""{"command": "etf", "fixed": {"json": true}}""", "'--json' is set by the sweep itself")]
    [InlineData("""{"command": "etf", "fixed": {"out": "x"}}""", "'--out' is set by the sweep itself")]
    [InlineData("""{"command": "etf", "fixed": {"seed": 1}, "seeds": 2}""", "option 'seed' is given twice")]
    [InlineData("""{"command": "etf", "axes": {"classes": []}}""", "axes.classes: the axis has no values")]
    [InlineData("""{"command": "etf", "axes": {"classes": [3, 3.0]}}""", "axes.classes: value 3 appears twice")]
    [InlineData("""{"command": "etf", "axes": {"x": {"from": 0, "to": 1, "count": 3, "step": 0.5}}}""", "exactly one of \"count\" and \"step\"")]
    [InlineData("""{"command": "etf", "axes": {"x": {"from": 0, "to": 1, "count": 3, "scale": "log"}}}""", "a log range needs from > 0")]
    [InlineData("""{"command": "etf", "axes": {"x": {"from": 0, "to": 1, "step": -1}}}""", "x.step: -1 does not lead from 0 to 1")]
    [InlineData("""{"command": "etf", "axes": {"x": {"from": 0, "to": 1, "count": 5, "integer": true}}}""", "rounding to integers makes values coincide")]
    [InlineData("""{"command": "etf", "axes": {"x": [[1]]}}""", "axes.x[0]: expected a number, string or boolean, got a list")]
    [InlineData("""{"command": "etf", "seeds": [0.5]}""", "seed 0.5 is not an integer")]
    [InlineData("""{"command": "etf", "axes": {"Classes": [1]}}""", "'Classes' is not an option name")]
    [InlineData("""{"command": "etf --classes 3"}""", "command word '--classes' is not")]
    [InlineData("""{"command": "sweep run"}""", "cannot be swept")]
    [InlineData("""{"command": "etf", "result": "csv"}""", "result 'csv' is not json or summary")]
    [InlineData("""[1, 2]""", "expected a JSON object, got a list")]
    [InlineData("""{"command": """, "not valid JSON")]
    public void BadSpecsAreRejectedWithAOneLineMessageNamingTheField(string json, string expected)
    {
        var ex = Assert.Throws<InputException>(() => Fixtures.Spec(json));
        Assert.StartsWith("spec.json: ", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void MissingSpecFileIsNamed()
    {
        var ex = Assert.Throws<InputException>(() => SweepSpec.Load("/nonexistent/spec.json"));
        Assert.Equal("/nonexistent/spec.json: file not found", ex.Message);
    }
}
