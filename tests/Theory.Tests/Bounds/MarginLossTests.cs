using Collapse.Theory.Bounds;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class MarginLossTests
{
    [Theory]
    [InlineData(-1.0, 2.0, 1.0)]
    [InlineData(0.0, 2.0, 1.0)]
    [InlineData(0.5, 2.0, 0.75)]
    [InlineData(2.0, 2.0, 0.0)]
    [InlineData(3.0, 2.0, 0.0)]
    public void RampLossMatchesHandValues(double margin, double gamma, double expected)
        => Assert.Equal(expected, MarginLoss.Ramp(margin, gamma), 15);

    [Fact]
    public void EmpiricalRisksOfAHandSample()
    {
        double[] q = [-1, 0.5, 1, 3];
        Assert.Equal((1 + 0.75 + 0.5 + 0) / 4, MarginLoss.EmpiricalMarginRisk(q, 2), 15);
        Assert.Equal(0.75, MarginLoss.EmpiricalIndicatorRisk(q, 2), 15);
        Assert.Equal(0.25, MarginLoss.ZeroOneRisk(q), 15);
    }

    [Fact]
    public void TiesCountAsErrors() => Assert.Equal(1.0, MarginLoss.ZeroOne(0.0));

    [Fact]
    public void NonPositiveGammaIsBadInput()
        => Assert.Throws<InputException>(() => MarginLoss.Ramp(1, 0));
}
