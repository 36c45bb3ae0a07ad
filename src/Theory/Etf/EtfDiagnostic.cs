using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Etf;

/// <summary>
/// How close a K×d matrix of rows is to a unit simplex ETF (Papyan et al. 2020, Def. 1; docs/conventions.md).
/// </summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
/// <param name="GramError">||M Mᵀ − (K/(K−1))(I − 11ᵀ/K)||_F (absolute; 0 for an exact unit ETF).</param>
/// <param name="MinCosine">Smallest pairwise cosine (exact ETF: −1/(K−1)).</param>
/// <param name="MaxCosine">Largest pairwise cosine (exact ETF: −1/(K−1)).</param>
/// <param name="ExpectedCosine">−1/(K−1).</param>
/// <param name="MinNorm">Smallest row norm.</param>
/// <param name="MaxNorm">Largest row norm.</param>
/// <param name="NormSpread">MaxNorm − MinNorm.</param>
/// <param name="ColumnSumNorm">||Σ_k m_k|| (exact ETF: 0).</param>
/// <param name="SingularValues">Singular values of M, descending (exact ETF: K−1 values √(K/(K−1)) and zeros).</param>
public sealed record EtfDiagnostic(
    int Classes, int Dim, double GramError, double MinCosine, double MaxCosine, double ExpectedCosine,
    double MinNorm, double MaxNorm, double NormSpread, double ColumnSumNorm, double[] SingularValues)
{
    /// <summary>Computes the diagnostic of the rows of <paramref name="m"/>.</summary>
    public static EtfDiagnostic Of(Matrix<double> m)
    {
        int k = m.RowCount;
        if (k < 2) throw new ArgumentException("need at least two rows", nameof(m));
        var gram = m.TransposeAndMultiply(m);
        double gramError = (gram - SimplexEtf.ExpectedGram(k)).FrobeniusNorm();
        double minCos = double.PositiveInfinity, maxCos = double.NegativeInfinity;
        var norms = new double[k];
        for (int i = 0; i < k; i++) norms[i] = Math.Sqrt(Math.Max(gram[i, i], 0));
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
            {
                double c = gram[i, j] / (norms[i] * norms[j]);
                minCos = Math.Min(minCos, c);
                maxCos = Math.Max(maxCos, c);
            }
        double colSum = m.ColumnSums().L2Norm();
        var sv = m.Svd(false).S.ToArray();
        return new EtfDiagnostic(k, m.ColumnCount, gramError, minCos, maxCos, SimplexEtf.ExpectedCosine(k),
            norms.Min(), norms.Max(), norms.Max() - norms.Min(), colSum, sv);
    }
}
