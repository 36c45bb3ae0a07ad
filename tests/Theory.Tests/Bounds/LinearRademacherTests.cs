using Collapse.Theory.Bounds;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class LinearRademacherTests
{
    private static readonly double[] TwoPoints = [3, 4, 0, 1]; // h_1 = (3,4), h_2 = (0,1)

    [Fact]
    public void AnalyticBoundIsBTimesROverRootM() => Assert.Equal(1.5, LinearRademacher.AnalyticBound(2, 3, 16), 15);

    [Fact]
    public void RadiusIsTheLargestRowNorm() => Assert.Equal(5.0, LinearRademacher.Radius(TwoPoints, 2), 15);

    [Fact]
    public void JensenBoundOfTwoPoints() => Assert.Equal(Math.Sqrt(26) / 2, LinearRademacher.JensenBound(TwoPoints, 2, 1), 15);

    [Fact]
    public void SupremumIsBOverMTimesNormOfSignedSum()
        => Assert.Equal(Math.Sqrt(18) / 2, LinearRademacher.Supremum(TwoPoints, 2, 1, [1, -1]), 15);

    [Fact]
    public void MonteCarloEstimateCoversTheExactExpectation()
    {
        // Exact: (1/2)·E‖±(3,4) ± (0,1)‖ = (√34 + √18)/4 = 2.5183981…
        var exact = (Math.Sqrt(34) + Math.Sqrt(18)) / 4;
        var est = LinearRademacher.MonteCarlo(TwoPoints, 2, 1, draws: 20000, seed: 7, confidence: 0.999);
        Assert.InRange(exact, est.Lower, est.Upper);
        Assert.True(est.Upper - est.Lower < 0.05);
        Assert.True(est.Mean <= LinearRademacher.JensenBound(TwoPoints, 2, 1));
    }
}
