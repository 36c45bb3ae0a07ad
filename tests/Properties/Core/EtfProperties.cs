using Collapse.Theory.Etf;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>Simplex-ETF identities (Papyan et al. 2020, Def. 1) on random ETFs, permutations and rotations.</summary>
[Properties(Arbitrary = new[] { typeof(CoreArbitraries) }, MaxTest = 100)]
public class EtfProperties
{
    private static Matrix<double> Etf(CaseSpec s) => SimplexEtf.Random(s.K, s.D, s.Seed);

    [Property]
    public void GramEqualsScaledCentringProjector(CaseSpec s)
    {
        var m = Etf(s);
        var err = (m.TransposeAndMultiply(m) - SimplexEtf.ExpectedGram(s.K)).FrobeniusNorm();
        Near.True(err < 1e-12, $"Gram error {err:E3}");
    }

    [Property]
    public void RowsHaveUnitNorm(CaseSpec s)
    {
        var m = Etf(s);
        for (int k = 0; k < s.K; k++) Near.Equal(1.0, m.Row(k).L2Norm(), 1e-13, $"||m_{k}||");
    }

    [Property]
    public void PairwiseCosineIsMinusOneOverKMinusOne(CaseSpec s)
    {
        var m = Etf(s);
        for (int a = 0; a < s.K; a++)
            for (int b = a + 1; b < s.K; b++)
                Near.Equal(-1.0 / (s.K - 1), m.Row(a).DotProduct(m.Row(b)) / (m.Row(a).L2Norm() * m.Row(b).L2Norm()), 1e-13, $"cos({a},{b})");
    }

    [Property]
    public void PairwiseDistanceIsSqrtTwoKOverKMinusOne(CaseSpec s)
    {
        var m = Etf(s);
        for (int a = 0; a < s.K; a++)
            for (int b = a + 1; b < s.K; b++)
                Near.Equal(SimplexEtf.ExpectedDistance(s.K), (m.Row(a) - m.Row(b)).L2Norm(), 1e-13, $"dist({a},{b})");
    }

    [Property]
    public void HasKMinusOneEqualSingularValuesAndTheRestZero(CaseSpec s)
    {
        var sv = Etf(s).Svd(false).S;
        for (int i = 0; i < sv.Count; i++)
            Near.Equal(i < s.K - 1 ? Math.Sqrt(s.K / (s.K - 1.0)) : 0.0, sv[i], 1e-12, $"σ_{i}");
    }

    [Property]
    public void RowsSumToZero(CaseSpec s) =>
        Near.True(Etf(s).ColumnSums().L2Norm() < 1e-12, "column sums not zero");

    [Property]
    public void GramIsInvariantUnderPermutationAndRotation(CaseSpec s)
    {
        var m = Etf(s);
        var pi = Permutations.Random(s.K, s.Seed ^ 0x5bd1e995);
        var q = RandomOrthogonal.Haar(s.D, new Random(s.Seed + 1));
        var moved = SimplexEtf.Rotate(SimplexEtf.Permute(m, pi), q);
        var err = (moved.TransposeAndMultiply(moved) - m.TransposeAndMultiply(m)).FrobeniusNorm();
        Near.True(err < 1e-12, $"Gram changed by {err:E3} under π={string.Join(",", pi)} and a rotation");
    }

    [Property]
    public void HaarRotationsAreOrthogonal(CaseSpec s)
    {
        var q = RandomOrthogonal.Haar(s.D, new Random(s.Seed));
        var err = (q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(s.D)).FrobeniusNorm();
        Near.True(err < 1e-12, $"QᵀQ − I = {err:E3}");
    }
}
