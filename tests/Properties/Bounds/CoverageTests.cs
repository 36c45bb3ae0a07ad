using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>
/// Coverage of the margin bounds on random synthetic Gaussian-mixture tasks: one training sample per task, the test
/// error estimated on a fresh sample of 10 000; a valid (1 − δ) bound is violated in at most a fraction δ of the
/// tasks (up to a binomial allowance at tail 1e-6). The frequency and the slack ratios are written to the test output.
/// The tasks are drawn from a fixed seed, printed with any failure.
/// </summary>
public class CoverageTests(ITestOutputHelper output)
{
    private const int Tasks = 100;
    private const double Delta = 0.1;

    [Theory]
    [InlineData(MarginBoundKind.FixedMarginEmpirical, 11)]
    [InlineData(MarginBoundKind.UniformMargin, 12)]
    [InlineData(MarginBoundKind.ClassPair, 13)]
    public void BoundIsViolatedAtMostAtFrequencyDelta(MarginBoundKind kind, int seed)
    {
        var rng = new Random(seed);
        var trials = new List<CoverageTrial>();
        for (var t = 0; t < Tasks; t++)
        {
            var k = 2 + rng.Next(4);
            var d = 2 + rng.Next(7);
            var sigma = 0.5 + rng.NextDouble();
            var task = GaussianMixture.RandomMeans(k, d, meanNorm: 2 + 4 * rng.NextDouble(), sigma, clipRadius: 3 * sigma, seed: rng.Next());
            var gamma = 0.5 + 2 * rng.NextDouble();
            trials.Add(MarginBoundCoverage.Trial(task, new CoverageSettings(kind, 10_000, 10_000, 1.0, Delta, gamma), rng.Next()));
        }
        var report = new CoverageReport(new CoverageSettings(kind, 10_000, 10_000, 1.0, Delta, double.NaN), trials);
        var allowance = Draw.BinomialAllowance(Tasks, Delta);
        output.WriteLine($"{kind}: violated in {report.Violations}/{Tasks} tasks (frequency {report.Frequency:G3}, δ = {Delta}); " +
            $"mean bound {report.MeanBound:G4}, mean test error {report.MeanTestError:G4}, ratio bound/test error median {report.MedianRatio:G4}, " +
            $"min {report.MinRatio:G4}; vacuous in {100 * report.VacuousFraction:G3}% of tasks");
        Assert.True(report.Violations <= allowance, $"seed {seed}: {report.Violations}/{Tasks} violations exceed the allowance {allowance} for δ = {Delta}");
    }
}
