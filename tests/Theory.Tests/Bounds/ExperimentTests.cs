using Collapse.Theory.Bounds;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class ExperimentTests
{
    [Fact]
    public void MarginRiskCurveEqualsDirectEvaluation()
    {
        double[] q = [-2, -0.5, 0, 0.1, 0.3, 0.3, 1, 2.5, 4];
        double[] gammas = [0.05, 0.1, 0.3, 1, 3, 10];
        var curve = MarginLoss.EmpiricalMarginRisks(q, gammas);
        for (var i = 0; i < gammas.Length; i++)
            Assert.Equal(MarginLoss.EmpiricalMarginRisk(q, gammas[i]), curve[i], 14);
    }

    [Fact]
    public void ClippedMixtureStaysInsideItsSupport()
    {
        var task = GaussianMixture.RandomMeans(3, 4, meanNorm: 2, sigma: 5, clipRadius: 1.5, seed: 1);
        var (x, _) = task.Sample(2000, new Random(2));
        Assert.True(LinearRademacher.Radius(x, 4) <= task.SupportRadius() + 1e-12);
        Assert.Equal(3.5, task.SupportRadius(), 12);
    }

    [Fact]
    public void FixedMeansGiveTheExpectedClassFrequencies()
    {
        var means = Matrix<double>.Build.DenseOfArray(new double[,] { { 10, 0 }, { -10, 0 } });
        var (_, y) = new GaussianMixture(means, 1).Sample(4000, new Random(3));
        Assert.InRange(y.Count(v => v == 0) / 4000.0, 0.45, 0.55);
    }

    [Fact]
    public void CoverageReportCountsViolationsAndRatios()
    {
        var task = GaussianMixture.RandomMeans(3, 3, 4, 1, 3, seed: 5);
        var report = MarginBoundCoverage.Run(task, new CoverageSettings(MarginBoundKind.UniformMargin, 3000, 3000, 1, 0.1, 1), trials: 5, seed: 11);
        Assert.Equal(5, report.Count);
        Assert.Equal(report.Trials.Count(t => t.Bound.Value < t.TestError), report.Violations);
        Assert.All(report.Trials, t => Assert.Equal(t.Bound.Value / t.TestError, t.Slack.Ratio, 12));
        Assert.All(report.Trials, t => Assert.Equal(t.Bound.Terms.Sum(term => term.Value), t.Bound.Value, 12));
    }

    [Fact]
    public void UniformAndClassPairBoundsNeedABoundedSupport()
    {
        var task = GaussianMixture.RandomMeans(3, 3, 4, 1, clipRadius: null, seed: 5);
        Assert.Throws<InputException>(() => MarginBoundCoverage.Trial(task, new CoverageSettings(MarginBoundKind.ClassPair, 300, 300, 1, 0.1, 1), 1));
    }
}
