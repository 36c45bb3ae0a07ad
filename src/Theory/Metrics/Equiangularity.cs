using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>
/// Equiangularity (NC2, angles): mean (key <c>equiangularity</c>) and max (key <c>maxAngle</c>) over pairs k&lt;l of
/// |cos(m_k, m_l) + 1/(K−1)| for the rows m_k of the centred means (or of W).
/// </summary>
/// <remarks>
/// Papyan, Han, Donoho (2020), PNAS, Fig. 3 (avg |cos + 1/(C−1)|). The max is our addition: the worst pair, the
/// quantity a simplex ETF minimises in the signed sense (docs/conventions.md, Known pitfalls). Computed over all pairs
/// by the tiled Gram products of <see cref="MeanGeometry"/>.
/// </remarks>
public static class Equiangularity
{
    /// <summary>Returns (mean, max) of |cos + 1/(K−1)| over row pairs.</summary>
    public static (double Mean, double Max) OfRows(Matrix<double> rows)
    {
        var g = MeanGeometry.OfRows(rows);
        return (g.Equiangularity, g.MaxAngle);
    }
}
