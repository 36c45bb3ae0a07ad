using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>ETF Gram error || G/||G||_F − (I_K − 11ᵀ/K)/√(K−1) ||_F with G = M̃ M̃ᵀ (key <c>etfGramError</c>).</summary>
/// <remarks>
/// Zhu et al. (2021), "A geometric analysis of neural collapse with unconstrained features", NeurIPS (NC2 metric
/// on the centred means; also rhubarbwu/neural-collapse). Scale-invariant; 0 iff the rows form a simplex ETF up to
/// scale. Computed by the tiled Gram products of <see cref="MeanGeometry"/> (two sweeps, no K×K matrix).
/// </remarks>
public static class EtfGramError
{
    /// <summary>Computes the error for the rows of <paramref name="rows"/>.</summary>
    public static double OfRows(Matrix<double> rows) => MeanGeometry.OfRows(rows).EtfGramError;
}
