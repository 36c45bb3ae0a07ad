using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>ETF Gram error || G/||G||_F − (I_K − 11ᵀ/K)/√(K−1) ||_F with G = M̃ M̃ᵀ (key <c>etfGramError</c>).</summary>
/// <remarks>
/// Zhu et al. (2021), "A geometric analysis of neural collapse with unconstrained features", NeurIPS (NC2 metric
/// on the centred means; also rhubarbwu/neural-collapse). Scale-invariant; 0 iff the rows form a simplex ETF up to
/// scale.
/// </remarks>
public static class EtfGramError
{
    /// <summary>Computes the error for the rows of <paramref name="rows"/>.</summary>
    public static double OfRows(Matrix<double> rows)
    {
        int k = rows.RowCount;
        var g = rows.TransposeAndMultiply(rows);
        var target = (Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k)) / Math.Sqrt(k - 1);
        return (g / g.FrobeniusNorm() - target).FrobeniusNorm();
    }
}
