using Collapse.Theory.Svm;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

/// <summary>Random separable data (K = 5, d = 12, n = 25 per class): the certificate and the polish.</summary>
public class SvmCertificateTests
{
    private const int K = 5, D = 12, PerClass = 25;

    [Theory]
    [InlineData(1, SvmMethod.ActiveSet)]
    [InlineData(2, SvmMethod.ActiveSet)]
    [InlineData(3, SvmMethod.ActiveSet)]
    [InlineData(1, SvmMethod.Pdlp)]
    [InlineData(2, SvmMethod.Pdlp)]
    public void SolutionOnRandomSeparableDataIsCertified(int seed, SvmMethod method)
    {
        var (features, labels) = SvmTestData.Clusters(K, D, PerClass, seed);

        var cert = MulticlassSvm.Solve(features, labels, K, new SvmOptions { Method = method }).Certificate;

        Assert.True(cert.DualityGap < 1e-8, $"gap {cert.DualityGap}");
        Assert.True(cert.MaxViolation < 1e-9, $"violation {cert.MaxViolation}");
        Assert.True(cert.Stationarity < 1e-9, $"stationarity {cert.Stationarity}");
        Assert.True(cert.MinLambda >= 0);
        Assert.True(cert.IsCertified());
        Assert.InRange(cert.SupportVectors, 1, K * PerClass);
        Assert.True(cert.ActiveConstraints <= K * D, "active constraints of a vertex solution exceed the K·d unknowns");
    }

    [Fact]
    public void ActiveSetAndPolishedPdlpAgreeOnTheUniqueOptimum()
    {
        var (features, labels) = SvmTestData.Clusters(K, D, PerClass, seed: 4);
        var a = MulticlassSvm.Solve(features, labels, K, new SvmOptions { Method = SvmMethod.ActiveSet });
        var p = MulticlassSvm.Solve(features, labels, K, new SvmOptions { Method = SvmMethod.Pdlp });
        Assert.True(SvmTestData.RelativeDifference(p.W, a.W) < 1e-10);
    }

    [Fact]
    public void PolishTurnsALoosePdlpSolutionIntoACertifiedOne()
    {
        var (features, labels) = SvmTestData.Clusters(K, D, PerClass, seed: 1);
        var loose = new SvmOptions { Method = SvmMethod.Pdlp, PdlpTolerance = 1e-4 };

        var raw = MulticlassSvm.Solve(features, labels, K, loose with { Polish = false });
        var polished = MulticlassSvm.Solve(features, labels, K, loose);

        Assert.False(raw.Polished);
        Assert.True(polished.Polished);
        Assert.False(raw.Certificate.IsCertified(), $"PDLP at 1e-4 was already certified: {raw.Certificate}");
        Assert.True(polished.Certificate.IsCertified(), polished.Certificate.ToString());
        Assert.True(polished.Certificate.DualityGap < 1e-3 * raw.Certificate.DualityGap);
        Assert.True(polished.Certificate.MaxViolation < 1e-3 * raw.Certificate.MaxViolation);
        Assert.True(polished.Certificate.Stationarity < 1e-3 * raw.Certificate.Stationarity);
    }

    [Fact]
    public void MarginBoundsOfAnyCandidateBracketTheOptimalMargin()
    {
        // p_min(W)/||W|| ≤ γ* ≤ 1/√(2 D(λ)) for every W and every λ ≥ 0 (weak duality), optimal or not.
        var (features, labels) = SvmTestData.Clusters(K, D, PerClass, seed: 2);
        var optimum = MulticlassSvm.Solve(features, labels, K).Certificate.Margin;
        var raw = MulticlassSvm.Solve(features, labels, K, new SvmOptions { Method = SvmMethod.Pdlp, PdlpTolerance = 1e-3, Polish = false });
        var exact = MulticlassSvm.Solve(features, labels, K);
        var perturbedW = exact.W + 1e-3 * Matrix<double>.Build.Dense(K, D, (r, c) => Math.Sin(r + 3.0 * c));
        var perturbedLambda = exact.Lambda.Select((l, a) => l > 0 ? l * (1 + 0.1 * Math.Cos(a)) : l).ToArray();
        var candidates = new[]
        {
            raw.Certificate,
            SvmCertificate.Compute(features, labels, K, perturbedW, perturbedLambda),
        };
        foreach (var c in candidates)
        {
            Assert.InRange(optimum, c.MarginLowerBound * (1 - 1e-12), c.MarginUpperBound * (1 + 1e-12));
            Assert.True(c.MarginUpperBound - c.MarginLowerBound > 1e-9 * optimum, "a non-optimal candidate should leave a gap");
        }
        Assert.Equal(exact.Certificate.MarginLowerBound, exact.Certificate.MarginUpperBound, 1e-12 * optimum);
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(1e-4)]
    public void ScalingTheFeaturesScalesWInverselyAndKeepsTheCertificate(double factor)
    {
        var (features, labels) = SvmTestData.Clusters(K, D, PerClass, seed: 3);
        var scaled = features.Select(x => factor * x).ToArray();
        var a = MulticlassSvm.Solve(features, labels, K);
        var b = MulticlassSvm.Solve(scaled, labels, K);
        Assert.True(SvmTestData.RelativeDifference(factor * b.W, a.W) < 1e-11);
        Assert.True(b.Certificate.IsCertified(), b.Certificate.ToString());
        Assert.Equal(a.Certificate.Margin * factor, b.Certificate.Margin, 1e-11 * b.Certificate.Margin);
    }

    [Fact]
    public void LambdaIsZeroInTheUnusedOwnClassSlots()
    {
        var (features, labels) = SvmTestData.Clusters(3, 4, 6, seed: 8);
        var s = MulticlassSvm.Solve(features, labels, 3);
        Assert.Equal(labels.Length * 3, s.Lambda.Length);
        for (var i = 0; i < labels.Length; i++) Assert.Equal(0.0, s.Lambda[i * 3 + labels[i]]);
    }
}
