using Collapse.Theory.Svm;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

/// <summary>
/// Features far outside the range where ‖h‖² and ‖W‖² ≈ 1/‖h‖² fit in float64 are solved on an exact power-of-two
/// rescaling and mapped back by the scale-equivariance W(c·h) = W(h)/c (SvmPrescale, docs/svm.md "Scaling").
/// </summary>
public class SvmExtremeScaleTests
{
    [Theory]
    [InlineData(1e200, SvmMethod.ActiveSet)]
    [InlineData(1e-300, SvmMethod.ActiveSet)]
    [InlineData(1e160, SvmMethod.Pdlp)]
    [InlineData(1e-160, SvmMethod.ActiveSet)]
    public void ExtremeFeatureScalesGiveTheScaledSolution(double c, SvmMethod method)
    {
        var (features, labels) = SvmTestData.Clusters(4, 6, 10, seed: 3);
        var options = new SvmOptions { Method = method };
        var reference = MulticlassSvm.Solve(features, labels, 4, options);
        var scaled = MulticlassSvm.Solve(features.Select(v => v * c).ToArray(), labels, 4, options);
        Assert.True(scaled.Certificate.IsCertified(), $"×{c:G3}: {scaled.Certificate}");
        Assert.NotEqual(0, scaled.FeatureScaleExponent);
        Assert.Equal(reference.Certificate.Margin * c, scaled.Certificate.Margin, reference.Certificate.Margin * c * 1e-9);
        Assert.Equal(reference.Certificate.NormW / c, scaled.Certificate.NormW, reference.Certificate.NormW / c * 1e-9);
        Assert.Equal(reference.Certificate.SupportVectors, scaled.Certificate.SupportVectors);
        for (var k = 0; k < 4; k++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(reference.W[k, j] / c, scaled.W[k, j], reference.Certificate.NormW / c * 1e-9);
        Assert.True(SvmSeparability.IsSeparable(features.Select(v => v * c).ToArray(), labels, 4));
    }

    [Fact]
    public void OrdinaryScalesAreSolvedAsGiven()
    {
        var (features, labels) = SvmTestData.Clusters(3, 5, 8, seed: 2);
        Assert.Equal(0, MulticlassSvm.Solve(features.Select(v => v * 1e100).ToArray(), labels, 3).FeatureScaleExponent);
    }
}
