using Collapse.Theory.Etf;
using Collapse.Theory.LayerPeeled;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.LayerPeeled;

/// <summary>The layer-peeled solver and its dual certificate.</summary>
public class LayerPeeledTests
{
    [Theory]
    [InlineData(3, 5.0, 1.0)]
    [InlineData(4, 2.0, 3.0)]
    [InlineData(6, 1.0, 1.0)]
    public void BalancedOptimumIsTheCertifiedEtfWithTheClosedFormValue(int k, double eh, double ew)
    {
        var program = LayerPeeledProgram.Fang(Enumerable.Repeat(3, k).ToArray(), eh, ew);
        var sol = LayerPeeledSolver.Solve(program, seed: k);
        Assert.True(sol.Certificate.Gap < 1e-9, $"gap {sol.Certificate.Gap}");
        Assert.Equal(LayerPeeledProgram.BalancedValue(k, eh, ew), sol.Value, 9);
        Assert.True(EtfGramError.OfRows(sol.Classifier) < 1e-5, $"etfGramError {EtfGramError.OfRows(sol.Classifier)}");
        var ratio = Math.Sqrt(eh / ew);
        Assert.True((sol.Means - ratio * sol.Classifier).FrobeniusNorm() < 1e-5 * sol.Means.FrobeniusNorm());
    }

    [Fact]
    public void TheLowerBoundHoldsAtEveryRandomFeasiblePoint()
    {
        int[] counts = [20, 20, 1, 1];
        var program = LayerPeeledProgram.Fang(counts, 5, 1);
        var sol = LayerPeeledSolver.Solve(program, seed: 3);
        var rng = new Random(5);
        for (var t = 0; t < 500; t++)
        {
            var p = 1 + rng.Next(10);
            var h = RandomOrthogonal.Gaussian(4, p, rng);
            var w = RandomOrthogonal.Gaussian(4, p, rng);
            h *= Math.Sqrt(program.FeatureBudget / program.FeatureLoad(h)) * rng.NextDouble();
            w *= Math.Sqrt(program.ClassifierBudget / program.ClassifierLoad(w)) * rng.NextDouble();
            var f = program.Objective(h.TransposeAndMultiply(w));
            Assert.True(f >= sol.Certificate.LowerBound - 1e-15, $"point {t}: {f} < lower bound {sol.Certificate.LowerBound}");
        }
    }

    [Fact]
    public void ARandomPointIsNotCertified()
    {
        var program = LayerPeeledProgram.Fang([2, 2, 2], 1, 1);
        var rng = new Random(2);
        var h = RandomOrthogonal.Gaussian(3, 6, rng) * 0.3;
        var w = RandomOrthogonal.Gaussian(3, 6, rng) * 0.3;
        var cert = LayerPeeledCertificate.Of(program, h, w);
        Assert.True(cert.Gap > 1e-2, $"gap {cert.Gap}");
        Assert.True(cert.LowerBound <= LayerPeeledProgram.BalancedValue(3, 1, 1));
    }

    [Fact]
    public void MinorityClassifiersCollapseAtLargeRatioButNotAtRatioOne()
    {
        double Cosine(int r)
        {
            var sol = LayerPeeledSolver.Solve(LayerPeeledProgram.Fang([r, r, 1, 1], 5, 1), seed: 1);
            Assert.True(sol.Certificate.Gap < 1e-9, $"R={r}: gap {sol.Certificate.Gap}");
            var a = sol.Classifier.Row(2);
            var b = sol.Classifier.Row(3);
            return a.DotProduct(b) / (a.L2Norm() * b.L2Norm());
        }
        Assert.Equal(-1.0 / 3, Cosine(1), 5);
        Assert.Equal(1.0, Cosine(1000), 6);
    }

    [Fact]
    public void InvalidProgramsAreInputErrors()
    {
        Assert.Throws<InputException>(() => LayerPeeledProgram.Fang([3], 1, 1));
        Assert.Throws<InputException>(() => LayerPeeledProgram.Fang([3, 3], 0, 1));
        Assert.Throws<InputException>(() => new LayerPeeledProgram([0.5, 0.5], [0.5, -1], 1, 1).Validate());
    }
}
