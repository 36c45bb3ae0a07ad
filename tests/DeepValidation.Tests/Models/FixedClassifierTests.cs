using Collapse.DeepValidation.Models;
using Collapse.Theory.Etf;
using Xunit;

namespace Collapse.DeepValidation.Tests.Models;

public class FixedClassifierTests
{
    [Fact]
    public void ClassKReceivesVertexPiOfK()
    {
        var fixedW = new FixedClassifier(FixedClassifierKind.Etf, PermutationSeed: 7);
        var pi = fixedW.Permutation(6);
        Assert.Equal(Permutations.Random(6, 7), pi);
        var w = fixedW.Build(6, 8);
        var etf = SimplexEtf.Standard(6, 8);
        for (var k = 0; k < 6; k++)
            for (var j = 0; j < 8; j++) Assert.Equal(etf[pi[k], j], w[k, j], 12);
    }

    [Fact]
    public void RotatedPermutedEtfKeepsTheEtfGram()
    {
        var w = new FixedClassifier(FixedClassifierKind.Etf, 3, 4, Scale: 1).Build(5, 7);
        var g = w * w.Transpose();
        for (var a = 0; a < 5; a++)
            for (var b = 0; b < 5; b++)
                Assert.Equal(a == b ? 1.0 : -0.25, g[a, b], 10);
    }

    [Fact]
    public void HeterogeneousFrameHasUnequalRowNormsAndDistances()
    {
        var w = new FixedClassifier(FixedClassifierKind.Heterogeneous).Build(5, 6);
        var norms = Enumerable.Range(0, 5).Select(k => w.Row(k).L2Norm()).ToArray();
        Assert.Equal(new[] { 0.4, 0.7, 1.0, 1.3, 1.6 }, norms.Select(v => Math.Round(v, 10)));
        var d01 = (w.Row(0) - w.Row(1)).L2Norm();
        var d34 = (w.Row(3) - w.Row(4)).L2Norm();
        Assert.True(d34 > 2 * d01);
    }

    [Fact]
    public void TooNarrowFeaturesAreAnInputError()
    {
        var ex = Assert.Throws<Collapse.Theory.InputException>(() => new FixedClassifier(FixedClassifierKind.Etf).Build(10, 5));
        Assert.Contains("d=5 is below K−1=9", ex.Message);
    }
}
