using Collapse.Theory.Bounds;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class LipschitzCoveringHoeffdingTests
{
    [Fact]
    public void TransferRadiusIsMarginOverLipschitzTimesClassifierDistance()
        => Assert.Equal(3.0, LipschitzMarginTransfer.Radius(3, 2, 0.5), 15);

    [Fact]
    public void RadiusMatrixUsesRowDistances()
    {
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 3, 4 } });
        var g = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 10 }, { 5, 0 } });
        var eps = LipschitzMarginTransfer.RadiusMatrix(g, w, lipschitz: 2);
        Assert.Equal(1.0, eps[0, 1], 15);
        Assert.Equal(0.5, eps[1, 0], 15);
        Assert.True(double.IsNaN(eps[0, 0]));
    }

    [Fact]
    public void GuaranteedPairScoreSubtractsTheLipschitzLoss()
        => Assert.Equal(1.0, LipschitzMarginTransfer.GuaranteedPairScore(4, 2, 0.5, 3), 15);

    [Fact]
    public void VolumetricCoveringNumberOfABall()
    {
        Assert.Equal(25.0, CoveringNumbers.Ball(1, 2, 0.5), 12);
        Assert.Equal(double.PositiveInfinity, CoveringNumbers.Ball(1, 2, 0));
    }

    private static readonly Matrix<double> Radii = Matrix<double>.Build.DenseOfArray(new double[,] { { double.NaN, 0.5 }, { 1, double.NaN } });
    private static double Unit2(int cls, double eps) => CoveringNumbers.Ball(1, 2, eps);

    [Fact]
    public void PaperFormByHand()
    {
        // (1/(2·10))·(𝒩(0.5) + 𝒩(1)) = (25 + 9)/20
        var b = CoveringBound.PaperForm(Radii, Unit2, sampleSize: 10);
        Assert.Equal(1.7, b.Value, 13);
        Assert.True(b.Vacuous);
    }

    [Fact]
    public void ExpectedFormByHand()
    {
        // ½·𝒩(0.25)/(e·10) + ½·𝒩(0.5)/(e·20) = (81/20 + 25/40)/e
        var b = CoveringBound.ExpectedForm(Radii, Unit2, [10, 20], [0.5, 0.5]);
        Assert.Equal(4.675 / Math.E, b.Value, 13);
    }

    [Fact]
    public void SwapPermutationExchangesTheRadii()
    {
        // π = (1,0): class 0 uses ε_{1,0} = 1, class 1 uses ε_{0,1} = 0.5; with equal covering functions the sum is unchanged,
        // with unequal supports it is not.
        Assert.Equal(1.7, CoveringBound.PaperForm(Radii, Unit2, 10, [1, 0]).Value, 13);
        double Unequal(int cls, double eps) => CoveringNumbers.Ball(cls == 0 ? 1 : 3, 2, eps);
        var id = CoveringBound.PaperForm(Radii, Unequal, 10).Value;          // (25 + 49)/20
        var swapped = CoveringBound.PaperForm(Radii, Unequal, 10, [1, 0]).Value; // (9 + 169)/20
        Assert.Equal(3.7, id, 12);
        Assert.Equal(8.9, swapped, 12);
    }

    [Fact]
    public void HoeffdingBoundByHand()
    {
        // 2·2·exp(−100·0.25/(2·4·1))
        Assert.Equal(0.17574773449362968, HoeffdingClassMean.Bound(100, 0.5, 2, 1), 15);
    }

    [Fact]
    public void HoeffdingRadiusInvertsTheBound()
    {
        var delta = HoeffdingClassMean.Bound(100, 0.5, 2, 1);
        Assert.Equal(0.5, HoeffdingClassMean.Radius(100, delta, 2, 1), 12);
    }

    [Fact]
    public void PermutationSweepVisitsAllKFactorial()
    {
        var sweep = PermutationSweep.Over(5, p => p[0] * 10 + p[1]);
        Assert.Equal(120, sweep.Count);
        Assert.Equal(1, sweep.Min);
        Assert.Equal(43, sweep.Max);
    }

    [Fact]
    public void NotAPermutationIsBadInput()
        => Assert.Throws<InputException>(() => CoveringBound.PaperForm(Radii, Unit2, 10, [0, 0]));
}
