using System.Text.Json;
using Collapse.LeSde.Analysis;
using Collapse.LeSde.Model;
using Collapse.LeSde.Output;
using Collapse.LeSde.Simulation;
using Collapse.Theory.Metrics;

namespace Collapse.LeSde.Tests;

/// <summary>States without geometry (every representative at the origin) give defined answers with reasons, never NaN without one.</summary>
public class DegenerateStateTests
{
    private static readonly LeSdeConfig AtOrigin = new() { InitialSeparation = 0, InitialSpread = 0, Noise = 0, Steps = 200, EndTime = 20 };

    [Fact]
    public void EveryRepresentativeAtTheOriginReportsEachUndefinedMetricWithItsReason()
    {
        LeSdeSnapshot? last = null;
        LeSdeSimulator.Run(AtOrigin, [AtOrigin.EndTime], s => last = LeSdeObservables.Measure(s, AtOrigin, separability: true));
        Assert.NotNull(last);
        Assert.Equal(MetricUndefined.MeansCoincide, last.Undefined["nc1"]);
        Assert.Equal(MetricUndefined.MeansCoincide, last.Undefined["etfGramError"]);
        Assert.Equal(LeSdeObservables.MeansAndWithinZero, last.Undefined["separationRatio"]);
        Assert.Equal(LeSdeObservables.AtOrigin, last.Undefined["normalisedEtfError"]);
        Assert.True(double.IsNaN(last.Nc1) && double.IsNaN(last.SeparationRatio));
        // The metrics that are defined stay numbers: the nearest-centre rule picks class 0 for every representative.
        Assert.Equal(1.0 / AtOrigin.Classes, last.NccAccuracy, 12);
        Assert.Equal(0, last.SeparablePairs);
        foreach (var (name, get) in LeSdeSnapshot.Columns)
            if (!double.IsFinite(get(last))) Assert.True(last.Undefined.ContainsKey(name), $"{name} is {get(last)} without a reason");
    }

    [Fact]
    public void ASpreadRunHasNoUndefinedMetric()
    {
        LeSdeSnapshot? last = null;
        var c = AtOrigin with { InitialSeparation = 1, InitialSpread = 0.5, Noise = 1 };
        LeSdeSimulator.Run(c, [c.EndTime], s => last = LeSdeObservables.Measure(s, c, separability: false));
        Assert.Empty(last!.Undefined);
    }

    [Fact]
    public void TheSummaryWritesNullWithTheReasonsAndNoNumberAsAString()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-lesde-degenerate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = LeSdeRunner.Run(AtOrigin, dir, new LeSdeRunOptions { LogPoints = 4 });
            using var doc = JsonDocument.Parse(report.SummaryJson);
            var final = doc.RootElement.GetProperty("final");
            Assert.Equal(JsonValueKind.Null, final.GetProperty("nc1").ValueKind);
            Assert.Equal(JsonValueKind.Null, final.GetProperty("separationRatio").ValueKind);
            Assert.Equal(MetricUndefined.MeansCoincide, final.GetProperty("undefined").GetProperty("nc1").GetString());
            foreach (var p in final.EnumerateObject())
                Assert.NotEqual(JsonValueKind.String, p.Value.ValueKind);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
