using Collapse.Theory.Etf;
using Collapse.Theory.Svm;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

/// <summary>
/// Closed form: for features collapsed onto a simplex ETF, h_i = c·m_{y_i}, the SVM solution is W = α M with
/// α = (K−1)/(cK). Derivation: (w_y − w_j)·c m_y = α c (1 + 1/(K−1)) = α c K/(K−1) = 1; stationarity holds with the
/// uniform multiplier λ_ij = (K−1)/(n c² K²), because Σ_ij λ_ij (e_{y_i} − e_j) c m_{y_i}ᵀ has row k equal to
/// λ n c (K−1) m_k + λ n c m_k = λ n c K m_k (the ETF rows sum to 0). Hence ||W||_F = α√K and the margin is
/// 1/||W||_F = c√K/(K−1), every constraint is active, and P = D = (K−1)²/(2c²K).
/// </summary>
public class SvmEtfClosedFormTests
{
    public static TheoryData<int, int, double, int, SvmMethod> Cases()
    {
        var data = new TheoryData<int, int, double, int, SvmMethod>();
        foreach (var method in new[] { SvmMethod.ActiveSet, SvmMethod.Pdlp })
        {
            data.Add(2, 3, 1.0, 1, method);
            data.Add(3, 5, 2.5, 4, method);
            data.Add(4, 3, 1.3, 2, method);   // d = K − 1
            data.Add(5, 12, 0.7, 3, method);
            data.Add(10, 10, 1.0, 2, method);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SvmOfEtfCollapsedFeaturesIsTheScaledEtf(int k, int d, double c, int perClass, SvmMethod method)
    {
        var etf = SimplexEtf.Random(k, d, seed: 17 * k + d);
        var (features, labels) = SvmTestData.Collapsed(etf, c, perClass);

        var solution = MulticlassSvm.Solve(features, labels, k, new SvmOptions { Method = method });

        var alpha = (k - 1) / (c * k);
        var cert = solution.Certificate;
        Assert.True(cert.IsCertified(), $"not certified: {cert}");
        Assert.True(SvmTestData.RelativeDifference(solution.W, alpha * etf) < 1e-10, "W is not (K−1)/(cK) · ETF");
        Assert.Equal(alpha * Math.Sqrt(k), cert.NormW, 1e-12 * cert.NormW);
        Assert.Equal(c * Math.Sqrt(k) / (k - 1), cert.Margin, 1e-12 * cert.Margin);
        Assert.Equal((k - 1.0) * (k - 1) / (2 * c * c * k), cert.PrimalObjective, 1e-11 * cert.PrimalObjective);
        // Every sample sits exactly on the margin: p_min(W) = 1, so the margin lower bound equals 1/||W||.
        Assert.Equal(cert.Margin, cert.MarginLowerBound, 1e-12 * cert.Margin);
        Assert.Equal(cert.Margin, cert.MarginUpperBound, 1e-9 * cert.Margin);
    }

    [Theory]
    [InlineData(3, 4, 2.0, 3)]
    [InlineData(6, 5, 0.4, 2)]
    [InlineData(8, 20, 3.0, 1)]
    public void ClosedFormPrimalAndUniformDualPassTheCertificate(int k, int d, double c, int perClass)
    {
        // KKT check of the derivation itself, without any solver: W = αM with the uniform λ is optimal.
        var etf = SimplexEtf.Random(k, d, seed: 3);
        var (features, labels) = SvmTestData.Collapsed(etf, c, perClass);
        var w = ((k - 1) / (c * k)) * etf;
        var lambda = new double[labels.Length * k];
        var uniform = (k - 1) / (perClass * c * c * k * k);
        for (var i = 0; i < labels.Length; i++)
            for (var j = 0; j < k; j++)
                if (j != labels[i]) lambda[i * k + j] = uniform;

        var cert = SvmCertificate.Compute(features, labels, k, w, lambda);

        Assert.True(cert.IsCertified(new SvmTolerances(1e-13, 1e-13, 1e-13)), cert.ToString());
        Assert.Equal(labels.Length, cert.SupportVectors);
        Assert.Equal(labels.Length * (k - 1), cert.ActiveConstraints);
    }

    [Fact]
    public void PermutingLabelsOrRotatingTheEtfLeavesTheMarginUnchanged()
    {
        // The SVM margin of collapsed features depends on c and K only, not on which vertex a class sits at.
        const int k = 4, d = 6;
        const double c = 1.7;
        var etf = SimplexEtf.Random(k, d, seed: 5);
        var variants = new[]
        {
            etf,
            SimplexEtf.Permute(etf, [2, 0, 3, 1]),
            SimplexEtf.Rotate(etf, RandomOrthogonal.Haar(d, new Random(9))),
        };
        foreach (var m in variants)
        {
            var (features, labels) = SvmTestData.Collapsed(m, c, 2);
            var cert = MulticlassSvm.Solve(features, labels, k).Certificate;
            Assert.Equal(c * Math.Sqrt(k) / (k - 1), cert.Margin, 1e-12);
        }
    }
}
