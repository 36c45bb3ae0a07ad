using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>
/// Equiangularity (NC2, angles): mean (key <c>equiangularity</c>) and max (key <c>maxAngle</c>) over pairs k&lt;l of
/// |cos(m_k, m_l) + 1/(K−1)| for the rows m_k of the centred means (or of W).
/// </summary>
/// <remarks>
/// Papyan, Han, Donoho (2020), PNAS, Fig. 3 (avg |cos + 1/(C−1)|). The max is our addition: the worst pair, the
/// quantity a simplex ETF minimises in the signed sense (docs/conventions.md, Known pitfalls).
/// </remarks>
public static class Equiangularity
{
    /// <summary>Returns (mean, max) of |cos + 1/(K−1)| over row pairs.</summary>
    public static (double Mean, double Max) OfRows(Matrix<double> rows)
    {
        int k = rows.RowCount;
        var gram = rows.TransposeAndMultiply(rows);
        double target = 1.0 / (k - 1);
        double sum = 0, max = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
            {
                double c = gram[a, b] / Math.Sqrt(gram[a, a] * gram[b, b]);
                double e = Math.Abs(c + target);
                sum += e;
                if (e > max) max = e;
                pairs++;
            }
        return (sum / pairs, max);
    }
}
