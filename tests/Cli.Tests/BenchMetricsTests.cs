using Collapse.Cli.Infrastructure;
using Collapse.Sweeps.Metrics;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>The metrics benchmark machinery on a tiny case (a smoke test of the child-process timing; no speed asserted).</summary>
public class BenchMetricsTests
{
    [Fact]
    public void TinyCaseRunsCollapseAsAChildAndReportsItsTimesAndPeak()
    {
        using var fx = new NpyFixtures();
        var report = MetricsBenchmark.Run(new MetricsBenchOptions
        {
            Cases = [new MetricsBenchCase("tiny", 2000, 16, 10, References: false)],
            WorkDir = fx.PathOf("bench"),
            Collapse = CollapseExecutable.Locate(null),
            DeleteInputs = true,
        });
        var run = Assert.Single(Assert.Single(report.Results).Runs);
        Assert.Equal("collapse", run.Tool);
        Assert.True(run.Seconds > 0 && run.ProcessSeconds >= run.Seconds, $"{run.Seconds} s, process {run.ProcessSeconds} s");
        Assert.True(run.PeakMemoryBytes > 1 << 20);
        Assert.Equal(1.0, run.Metrics["nccAccuracy"]);
        Assert.Contains("screening float32", run.Detail);
        Assert.False(Directory.Exists(fx.PathOf("bench/tiny-2000x16x10")));
        var text = Commands.BenchCommand.MetricsText(report);
        Assert.Contains("case tiny: N = 2000, d = 16, K = 10", text);
        Assert.Contains("\"tool\": \"collapse\"", Commands.BenchCommand.MetricsJson(report));
    }

    [Fact]
    public void UnknownCaseIsBadInput()
    {
        var r = CliRunner.Run("bench", "metrics", "--cases", "k7");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--cases k7: unknown case (known: k100, k4096, k32768)", r.Stderr);
    }
}
