using Collapse.Theory.Bounds;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class MarginBoundTests
{
    [Fact]
    public void Mohri92ExpectedComplexityFormByHand()
    {
        // 0.1 + (4·3/2)·0.05 + √(log 20 / 400)
        var b = MulticlassMarginBound.Evaluate(0.1, classes: 3, gamma: 2, rademacher: 0.05, sampleSize: 200, delta: 0.05);
        Assert.Equal(0.3, b.Term("complexity"), 14);
        Assert.Equal(0.48654091913011427, b.Value, 14);
    }

    [Fact]
    public void Mohri92EmpiricalComplexityFormByHand()
    {
        // 0.1 + 0.3 + 3√(log 40 / 400)
        var b = MulticlassMarginBound.EvaluateEmpirical(0.1, 3, 2, 0.05, 200, 0.05);
        Assert.Equal(0.6880968373959763, b.Value, 14);
    }

    [Fact]
    public void UniformBoundByHand()
    {
        // (8·2/0.5)·0.1 + √(log log₂(16) / 100) + √(log 20 / 200)
        var b = UniformMarginBound.Evaluate(0, classes: 2, gamma: 0.5, rademacher: 0.1, sampleSize: 100, delta: 0.1, marginRange: 4);
        Assert.Equal(3.2, b.Term("complexity"), 14);
        Assert.Equal(3.4401283437855885, b.Value, 13);
    }

    [Fact]
    public void UniformityTermVanishesAtGammaEqualR() => Assert.Equal(0.0, UniformMarginBound.UniformityTerm(4, 4, 10));

    [Fact]
    public void GammaAboveRangeIsBadInput()
        => Assert.Throws<InputException>(() => UniformMarginBound.UniformityTerm(5, 4, 10));

    [Fact]
    public void AtMinimumMarginHasNoEmpiricalTerm()
    {
        var b = UniformMarginBound.AtMinimumMargin(1.0, 3, 0.1, 100, 0.1, 4);
        Assert.Equal(0.0, b.Term("empiricalMarginRisk"));
        Assert.Equal(b.Value, UniformMarginBound.Evaluate(0, 3, 1.0, 0.1, 100, 0.1, 4).Value);
    }

    private static readonly Matrix<double> Gamma2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 2, 0 } });

    [Fact]
    public void ClassPairBoundByHand()
    {
        var b = ClassPairMarginBound.Evaluate(Gamma2, [0.1, 0.2], [50, 100], [0.5, 0.5], marginRange: 4, delta: 0.1);
        Assert.Equal(0.8, b.Term("complexity"), 14);
        Assert.Equal(1.0796802758452835, b.Value, 13);
    }

    [Fact]
    public void ClassPairBoundUnderTheSwapPermutationByHand()
    {
        var b = ClassPairMarginBound.Evaluate(Gamma2, [0.1, 0.2], [50, 100], [0.5, 0.5], 4, 0.1, permutation: [1, 0]);
        Assert.Equal(1.275215209743207, b.Value, 13);
    }

    [Fact]
    public void ClassPairBoundRejectsAnUnseparatedPair()
    {
        var g = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, -1 }, { 2, 0 } });
        var ex = Assert.Throws<InputException>(() => ClassPairMarginBound.Evaluate(g, [0.1, 0.2], [50, 100], [0.5, 0.5], 4, 0.1));
        Assert.Contains("pairMargins[0,1]", ex.Message);
    }

    [Fact]
    public void SlackReportGivesValueMeasuredRatio()
    {
        var b = MulticlassMarginBound.Evaluate(0.1, 3, 2, 0.05, 200, 0.05);
        var s = b.Against(0.1);
        Assert.Equal(b.Value / 0.1, s.Ratio, 12);
        Assert.Equal(b.Value - 0.1, s.Slack, 15);
        Assert.True(s.Holds);
        Assert.False(s.Vacuous);
        Assert.Equal(double.PositiveInfinity, SlackReport.RatioOf(0.3, 0));
        Assert.Equal(1.0, SlackReport.RatioOf(0, 0));
    }
}
