using Collapse.DeepValidation.Experiments;
using Xunit;

namespace Collapse.DeepValidation.Tests.Experiments;

public class OneWayAnovaTests
{
    [Fact]
    public void TextbookExampleGivesFTwentySevenOnTwoAndSixDegreesOfFreedom()
    {
        var a = OneWayAnova.Compute([[1, 2, 3], [4, 5, 6], [7, 8, 9]], permutationRounds: 4999, seed: 3);
        Assert.Equal(54.0, a.SsBetween, 12);
        Assert.Equal(6.0, a.SsWithin, 12);
        Assert.Equal(27.0, a.F, 12);
        Assert.Equal(2, a.DfBetween);
        Assert.Equal(6, a.DfWithin);
        // upper tail of F(2,6) at f is (1 + 2f/6)^(−3): at 27 that is 10^(−3)
        Assert.Equal(0.001, a.PValue, 9);
        Assert.Equal(0.9, a.EtaSquared, 12);
        Assert.Equal(52.0 / 61.0, a.OmegaSquared, 12);
        Assert.Equal(3.0, a.SdBetweenGroupMeans, 12);
        Assert.Equal(1.0, a.SdWithinPooled, 12);
        // exact permutation p = 6/1680 (only the 3! orderings of the sorted split reach F = 27)
        Assert.InRange(a.PermutationPValue, 0.001, 0.01);
    }

    [Fact]
    public void GroupsWithTheSameValuesShowNoEffect()
    {
        var a = OneWayAnova.Compute([[1, 5, 3], [3, 1, 5], [5, 3, 1]], permutationRounds: 999);
        Assert.Equal(0.0, a.F, 12);
        Assert.Equal(1.0, a.PValue, 9);
        Assert.Equal(1.0, a.PermutationPValue, 9);
        Assert.True(a.OmegaSquared < 0);
    }

    [Fact]
    public void PureNoiseIsRarelySignificant()
    {
        var rng = new Random(11);
        var significant = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var groups = Enumerable.Range(0, 6).Select(_ => (IReadOnlyList<double>)Enumerable.Range(0, 3).Select(_ => rng.NextDouble()).ToList()).ToList();
            if (OneWayAnova.Compute(groups, permutationRounds: 0).PValue < 0.05) significant++;
        }
        Assert.InRange(significant, 2, 22); // ≈ 10 expected at α = 0.05
    }

    [Fact]
    public void ConstantWithinGroupsAndDifferentMeansIsInfinitelySignificant()
    {
        var a = OneWayAnova.Compute([[1, 1], [2, 2]], permutationRounds: 0);
        Assert.True(double.IsPositiveInfinity(a.F));
        Assert.Equal(0.0, a.PValue);
    }

    [Fact]
    public void StudentIntervalOfOneTwoThree()
    {
        var m = MeanWithUncertainty.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, m.Mean, 12);
        Assert.Equal(1.0, m.StandardDeviation, 12);
        Assert.Equal(1 / Math.Sqrt(3), m.StandardError, 12);
        Assert.Equal(2 - 4.302652729749464 / Math.Sqrt(3), m.Lower, 9);
        Assert.Equal(2 + 4.302652729749464 / Math.Sqrt(3), m.Upper, 9);
        Assert.True(double.IsNaN(MeanWithUncertainty.Of([5.0]).Lower));
    }
}
