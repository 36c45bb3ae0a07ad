using Collapse.Theory.Etf;
using Collapse.Theory.Geometry;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Geometry;

/// <summary>Strong collapse, the ridge classifier, SELI, balancedness and the fixed-ETF optimum on exact or random instances.</summary>
public class GeometryTests
{
    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    [Theory]
    [InlineData(4, 8, 5)]
    [InlineData(3, 2, 7)]
    public void StrongCollapsePointInterpolatesIsBalancedAndHasDistanceZero(int k, int d, int n)
    {
        var (w, h, b, labels) = StrongNeuralCollapse.Point(k, d, n);
        var z = h * w.Transpose(); // N×K logits without bias
        for (var i = 0; i < labels.Length; i++)
            for (var c = 0; c < k; c++) Assert.Equal(labels[i] == c ? 1.0 : 0.0, z[i, c] + b[c], 12);
        Assert.True((w.TransposeThisAndMultiply(w) - h.TransposeThisAndMultiply(h)).FrobeniusNorm() < 1e-12);
        var dist = StrongNeuralCollapse.Distance(w, h, b, labels, n, Math.Sqrt(n), 1.0 / k);
        Assert.True(dist.Max < 1e-13, $"{dist}");
        var wrong = StrongNeuralCollapse.Distance(w, h, b, labels, n, n, 1.0 / k);
        Assert.Equal(1 - 1 / Math.Sqrt(n), wrong.ClassifierGram, 12); // ‖√n P − n P‖/‖n P‖
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RidgeClassifierZeroesTheGradientInW(int seed)
    {
        var rng = new Random(seed);
        int k = 3 + seed, d = 2 + 2 * seed, n = 5 * k;
        var labels = Enumerable.Range(0, n).Select(i => i % k).ToArray();
        var x = RandomOrthogonal.Gaussian(n, d, rng); // N×d
        var lambda = 0.01 * seed;
        var w = M.DenseOfRowMajor(k, d, RidgeClassifier.Solve(x.ToRowMajorArray(), labels, k, d, n * lambda));
        var y = M.Dense(k, n, (c, i) => labels[i] == c ? 1.0 : 0.0);
        var grad = (w * x.Transpose() - y) * x / n + lambda * w; // ∇_W of (1/(2N))‖WH − Y‖² + λ/2‖W‖²
        Assert.True(grad.FrobeniusNorm() < 1e-13 * Math.Max(1, w.FrobeniusNorm()), $"‖∇_W‖ = {grad.FrobeniusNorm()}");
    }

    [Fact]
    public void SeliOfBalancedClassesIsTheSimplexEtf()
    {
        var labels = Enumerable.Range(0, 12).Select(i => i / 3).ToArray();
        var seli = SeliGeometry.Of(labels, 4);
        var p = M.DenseIdentity(4) - M.Dense(4, 4, 0.25);
        Assert.True(SeliGeometry.DirectionDistance(seli.ClassifierGram, p) < 1e-12);
        Assert.Equal(3 * Math.Sqrt(3), seli.NuclearNorm, 10); // K−1 singular values √n
    }

    [Fact]
    public void SeliBalancedFactorisationHasUnitMarginsAndValueTheNuclearNorm()
    {
        int[] counts = [5, 5, 1, 1];
        var labels = counts.SelectMany((c, k) => Enumerable.Repeat(k, c)).ToArray();
        var seli = SeliGeometry.Of(labels, 4);
        var svd = seli.LabelMatrix.Svd(true);
        var r = 3;
        var sq = M.DenseOfDiagonalVector(svd.S.SubVector(0, r).PointwiseSqrt());
        var w = svd.U.SubMatrix(0, 4, 0, r) * sq;               // K×r
        var h = sq * svd.VT.SubMatrix(0, r, 0, labels.Length);  // r×N
        var z = w * h;
        for (var i = 0; i < labels.Length; i++)
            for (var c = 0; c < 4; c++)
                if (c != labels[i]) Assert.Equal(1.0, z[labels[i], i] - z[c, i], 12);
        Assert.Equal(seli.NuclearNorm, 0.5 * (Math.Pow(w.FrobeniusNorm(), 2) + Math.Pow(h.FrobeniusNorm(), 2)), 10);
        Assert.True((w * w.Transpose() - seli.ClassifierGram).FrobeniusNorm() < 1e-12);
        Assert.True((h.TransposeThisAndMultiply(h) - seli.FeatureGram).FrobeniusNorm() < 1e-12);
        var etf = M.DenseIdentity(4) - M.Dense(4, 4, 0.25);
        Assert.True(SeliGeometry.DirectionDistance(seli.ClassifierGram, etf) > 0.2, "imbalanced SELI must differ from the ETF");
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.05, 0.05)]
    [InlineData(0.01, 0.2)]
    public void OneGradientStepChangesBalancednessExactlyAsPredicted(double lw, double lh)
    {
        var rng = new Random(11);
        int k = 4, d = 5, n = 9;
        var w = RandomOrthogonal.Gaussian(k, d, rng);
        var h = RandomOrthogonal.Gaussian(n, d, rng); // sample-major
        var g = RandomOrthogonal.Gaussian(n, k, rng);  // any logit gradient (N×K)
        var gw = g.TransposeThisAndMultiply(h) + lw * w; // (K×d)
        var gh = g * w + lh * h;                          // (N×d)
        const double eta = 0.3;
        var change = Balancedness.Of(w - eta * gw, h - eta * gh) - Balancedness.Of(w, h);
        var predicted = Balancedness.StepChange(w, h, gw, gh, eta, lw, lh);
        Assert.True((change - predicted).FrobeniusNorm() < 1e-12 * change.FrobeniusNorm(), $"{(change - predicted).FrobeniusNorm()}");
        var dropped = Balancedness.StepChange(w, h, gw, gh, eta, lw, lh, secondOrder: 0);
        Assert.True((change - dropped).FrobeniusNorm() > 1e-3, "without the η² term the prediction must be off");
    }

    [Theory]
    [InlineData(4, 44, 0.01)]
    [InlineData(3, 7, 0.3)]
    [InlineData(10, 100, 1e-3)]
    public void FixedEtfScalesZeroThePerSampleGradient(int k, int n, double lh)
    {
        var etf = SimplexEtf.Standard(k, k + 1);
        var s = FixedEtfOptimum.CrossEntropyScale(k, n, lh);
        var h = etf.Row(0) * s;
        var z = etf * h;
        var p = z.Map(Math.Exp);
        p /= p.Sum();
        p[0] -= 1;
        var grad = etf.TransposeThisAndMultiply(p) / n + lh * h;
        Assert.True(grad.L2Norm() < 1e-14, $"CE gradient {grad.L2Norm()}");
        var q = FixedEtfOptimum.SquaredLossScale(k, n, lh);
        var hm = etf.Row(1) * q;
        var r = etf * hm;
        r[1] -= 1;
        var gm = etf.TransposeThisAndMultiply(r) / n + lh * hm;
        Assert.True(gm.L2Norm() < 1e-14, $"MSE gradient {gm.L2Norm()}");
        Assert.NotEqual(s, FixedEtfOptimum.CrossEntropyScale(k, n, lh, marginFactor: 1.0));
    }
}
