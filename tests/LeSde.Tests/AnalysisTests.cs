using Collapse.LeSde.Analysis;
using Collapse.Theory.Etf;
using Collapse.Theory.Svm;

namespace Collapse.LeSde.Tests;

public class AnalysisTests
{
    [Fact]
    public void PlanarAndLinearTestsAgreeWithTheFeasibilityLp()
    {
        // Two clouds of n points at random offsets (some separable, some not): every decision equals the LP's.
        var rng = new Random(11);
        var decided = new int[2];
        for (var trial = 0; trial < 150; trial++)
        {
            var dim = 1 + trial % 3;
            var n = 3 + rng.Next(12);
            var offset = 4 * rng.NextDouble();
            var features = new double[2 * n * dim];
            for (var i = 0; i < 2 * n; i++)
                for (var j = 0; j < dim; j++)
                    features[i * dim + j] = RandomOrthogonal.StandardNormal(rng) + (i >= n && j == 0 ? offset : 0);
            var means = new double[2 * dim];
            for (var i = 0; i < 2 * n; i++)
                for (var j = 0; j < dim; j++) means[(i / n) * dim + j] += features[i * dim + j] / n;
            var fast = PairwiseSeparability.Separable(features, means, 0, 1, n, dim);
            var augmented = new double[2 * n * (dim + 1)];
            var labels = new int[2 * n];
            for (var i = 0; i < 2 * n; i++)
            {
                features.AsSpan(i * dim, dim).CopyTo(augmented.AsSpan(i * (dim + 1)));
                augmented[i * (dim + 1) + dim] = 1;
                labels[i] = i / n;
            }
            Assert.True(fast == SvmSeparability.IsSeparable(augmented, labels, 2), $"trial {trial} (replay: seed 11): dim {dim}, n {n}, offset {offset}");
            decided[fast ? 1 : 0]++;
        }
        Assert.True(decided[0] > 20 && decided[1] > 20, $"both outcomes must occur: {decided[0]} non-separable, {decided[1]} separable");
    }

    [Fact]
    public void NormalisedEtfErrorIsZeroAtTheEtfAndPositiveAtAnOrthonormalFrame()
    {
        const int k = 4;
        var etf = SimplexEtf.Standard(k, k);
        var rows = new double[k * k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) rows[i * k + j] = 3.7 * etf[i, j];
        Assert.True(RepresentativeGeometry.NormalisedEtfError(rows, k, k) < 1e-14);
        var identity = new double[k * k];
        for (var i = 0; i < k; i++) identity[i * k + i] = 2.0;
        // ‖I/√K − P/√(K−1)‖_F = √(2 − 2√((K−1)/K)); the centred error calls the same frame an ETF.
        Assert.Equal(Math.Sqrt(2 - 2 * Math.Sqrt((k - 1.0) / k)), RepresentativeGeometry.NormalisedEtfError(identity, k, k), 12);
        Assert.True(RepresentativeGeometry.CentredEtfError(identity, k, k) < 1e-14);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0.27753)]
    [InlineData(10, 10, 0.72247, 1.0)]
    [InlineData(5, 10, 0.23659, 0.76341)]
    public void WilsonIntervalMatchesItsClosedForm(int successes, int trials, double lower, double upper)
    {
        var w = WilsonInterval.Of(successes, trials);
        Assert.Equal(lower, w.Lower, 4);
        Assert.Equal(upper, w.Upper, 4);
    }
}
