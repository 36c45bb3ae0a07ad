using Collapse.LeSde.Model;
using Collapse.Theory;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.LeSde.Tests;

public class ModelTests
{
    [Theory]
    [InlineData(TransformKind.Identity, 3, 2)]
    [InlineData(TransformKind.Etf, 4, 4)]
    [InlineData(TransformKind.Orthonormal, 3, 5)]
    public void DriftEqualsTheExplicitBlockMatrixTimesTheMeans(TransformKind kind, int classes, int dim)
    {
        var rng = new Random(7);
        var blocks = new TransformBlocks(kind, classes, dim);
        var means = Enumerable.Range(0, classes * dim).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var drift = new double[classes * dim];
        blocks.Apply(means, 0.9, 0.3, drift);
        var expected = blocks.Matrix(0.9, 0.3) * Vector<double>.Build.DenseOfArray(means);
        for (var i = 0; i < drift.Length; i++) Assert.Equal(expected[i], drift[i], 12);
    }

    [Theory]
    [InlineData(1.0, 0.4)]
    [InlineData(1.0, -0.3)]
    public void IdentityBlocksHaveTheImpactEigenvaluesAndGammaIsTheSmallest(double alpha, double beta)
    {
        const int k = 4, m = 2;
        var eigen = new TransformBlocks(TransformKind.Identity, k, m).Matrix(alpha, beta).Evd().EigenValues.Select(c => c.Real).Order().ToArray();
        // E ⊗ I_m with E = (α − β)I + β11ᵀ: α − β ((K−1)m times) and α + (K−1)β (m times).
        var expected = Enumerable.Repeat(alpha - beta, (k - 1) * m).Concat(Enumerable.Repeat(alpha + (k - 1) * beta, m)).Order().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], eigen[i], 12);
        Assert.Equal(eigen[0], new ImpactSchedule(alpha, beta, 0).Gamma(1, k), 12);
    }

    [Fact]
    public void EtfBlocksArePositiveSemidefinite()
    {
        const int k = 5;
        var blocks = new TransformBlocks(TransformKind.Etf, k, k);
        var t = Matrix<double>.Build.Dense(k * k, k * k);
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) t.SetSubMatrix(i * k, j * k, blocks.Block(i, j));
        Assert.True((t - t.Transpose()).FrobeniusNorm() < 1e-14);
        Assert.True(t.Evd().EigenValues.All(e => e.Real > -1e-12));
    }

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(1.25)]
    public void IntegratedRateMatchesTheTrapezoidalIntegral(double p)
    {
        var s = new ImpactSchedule(1, 0, p);
        const int n = 200_000;
        double t0 = 2, t1 = 300, h = (t1 - t0) / n, sum = 0;
        for (var i = 0; i < n; i++) sum += 0.5 * h * (s.Rate(t0 + i * h) + s.Rate(t0 + (i + 1) * h));
        Assert.Equal(sum, s.IntegratedRate(t0, t1), 6);
    }

    [Fact]
    public void RateClassesFollowTheExponent()
    {
        Assert.Equal("ω(1/t)", new ImpactSchedule(1, 0, 0.5).RateClass);
        Assert.Equal("Θ(1/t)", new ImpactSchedule(1, 0, 1).RateClass);
        Assert.Equal("o(1/t)", new ImpactSchedule(1, 0, 1.5).RateClass);
    }

    [Theory]
    [InlineData("classes")]
    [InlineData("etfDim")]
    [InlineData("orthonormalDim")]
    [InlineData("horizon")]
    [InlineData("noise")]
    [InlineData("steps")]
    public void BadConfigurationsAreInputErrorsNamingTheFlag(string which)
    {
        var c = new LeSdeConfig();
        var bad = which switch
        {
            "classes" => c with { Classes = 1 },
            "etfDim" => c with { Transform = TransformKind.Etf, Classes = 3, Dim = 2 },
            "orthonormalDim" => c with { Transform = TransformKind.Orthonormal, Classes = 3, Dim = 2 },
            "horizon" => c with { EndTime = 0.5 },
            "noise" => c with { Noise = double.NaN },
            _ => c with { Steps = 0 },
        };
        var ex = Assert.Throws<InputException>(bad.Validate);
        Assert.StartsWith("--", ex.Message);
    }
}
