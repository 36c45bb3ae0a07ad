using Collapse.Theory.Etf;
using Collapse.Theory.Geometry;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Geometry;

/// <summary>The closed-form minimiser of the bias-free MSE UFM: it is a critical point, attains f*, and beats perturbations.</summary>
public class MseUfmMinimiserTests
{
    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    /// <summary>f(W, H) = (1/(2N))‖WH − Y‖² + λ_W/2‖W‖² + λ_H/2‖H‖² with H d×N, and its gradients.</summary>
    private static (double F, Matrix<double> GW, Matrix<double> GH) Objective(Matrix<double> w, Matrix<double> h, Matrix<double> y, double lw, double lh)
    {
        int n = y.ColumnCount;
        var r = w * h - y;
        var f = r.FrobeniusNorm() * r.FrobeniusNorm() / (2 * n) + lw / 2 * Math.Pow(w.FrobeniusNorm(), 2) + lh / 2 * Math.Pow(h.FrobeniusNorm(), 2);
        return (f, r * h.Transpose() / n + lw * w, w.Transpose() * r / n + lh * h);
    }

    private static (Matrix<double> W, Matrix<double> H, Matrix<double> Y) Point(MseUfmMinimiser m, int dim, int seed)
    {
        int k = m.Classes, n = m.PerClass;
        var u = RandomOrthogonal.Stiefel(dim, k, new Random(seed)).Transpose(); // K×d orthonormal rows
        var w = u * Math.Sqrt(m.ClassifierNormSquared);
        var h = M.Dense(dim, k * n, (j, i) => m.FeatureToClassifier * w[i / n, j]);
        var y = M.Dense(k, k * n, (c, i) => i / n == c ? 1.0 : 0.0);
        return (w, h, y);
    }

    [Theory]
    [InlineData(4, 5, 6, 0.02, 0.01)]
    [InlineData(3, 7, 3, 0.05, 0.001)]
    [InlineData(5, 2, 9, 0.004, 0.03)]
    public void BelowTheThresholdTheClosedFormIsACriticalPointWithValueFStar(int k, int n, int d, double lw, double lh)
    {
        var m = MseUfmMinimiser.Of(k, n, lw, lh);
        Assert.False(m.IsZero);
        var (w, h, y) = Point(m, d, seed: k * 31 + n);
        var (f, gw, gh) = Objective(w, h, y, lw, lh);
        Assert.Equal(m.Objective, f, 12);
        Assert.True(gw.FrobeniusNorm() < 1e-12 && gh.FrobeniusNorm() < 1e-12, $"gradients {gw.FrobeniusNorm()} {gh.FrobeniusNorm()}");
        Assert.True((w * h - m.Shrinkage * y).FrobeniusNorm() < 1e-12);
        // Orthogonal frame of class means: H̄ᵀH̄ = κ(1 − c) I.
        var means = M.Dense(d, k, (j, c) => h[j, c * n]);
        Assert.True((means.TransposeThisAndMultiply(means) - m.FeatureNormSquared * M.DenseIdentity(k)).FrobeniusNorm() < 1e-12);
        // Random perturbations never decrease f (second-order check of a minimum).
        var rng = new Random(7);
        for (var t = 0; t < 200; t++)
        {
            var dw = RandomOrthogonal.Gaussian(k, d, rng) * 1e-3;
            var dh = RandomOrthogonal.Gaussian(d, k * n, rng) * 1e-3;
            Assert.True(Objective(w + dw, h + dh, y, lw, lh).F >= f - 1e-15);
        }
    }

    [Fact]
    public void AtAndBeyondTheThresholdTheMinimiserIsZeroWithValueOneHalf()
    {
        var m = MseUfmMinimiser.Of(4, 5, 0.25, 0.25); // c = 4√(5/16) ≈ 2.24
        Assert.True(m.IsZero);
        Assert.Equal(0, m.ClassifierNormSquared);
        Assert.Equal(0.5, m.Objective);
        Assert.Equal(1.0, MseUfmMinimiser.ThresholdOf(4, 1, 1.0 / 16, 1.0), 14);
    }

    [Fact]
    public void TheThresholdIsTirerBrunasAfterTheNormalisationChange()
    {
        // λ_W^TB = Kλ_W, λ_H^TB = Nλ_H: √(λ_W^TB λ_H^TB) = K√(n λ_W λ_H).
        int k = 4, n = 5;
        double lw = 0.013, lh = 0.007;
        Assert.Equal(Math.Sqrt(k * lw * (k * n) * lh), MseUfmMinimiser.ThresholdOf(k, n, lw, lh), 14);
    }

    [Fact]
    public void InvalidParametersAreInputErrors()
    {
        Assert.Throws<InputException>(() => MseUfmMinimiser.Of(1, 5, 0.1, 0.1));
        Assert.Throws<InputException>(() => MseUfmMinimiser.Of(3, 5, 0, 0.1));
    }
}
