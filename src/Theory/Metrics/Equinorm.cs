using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>Equinorm (NC2, norms): population std / mean of the row norms of a matrix.</summary>
/// <remarks>
/// Papyan, Han, Donoho (2020), PNAS, Fig. 2: std_k ||μ_k − μ_G|| / avg_k ||μ_k − μ_G|| (key <c>equinormMeans</c>) and
/// std_k ||w_k|| / avg_k ||w_k|| (key <c>equinormClassifier</c>). Population std (divide by K).
/// </remarks>
public static class Equinorm
{
    /// <summary>Coefficient of variation of the row norms of <paramref name="rows"/>.</summary>
    public static double OfRows(Matrix<double> rows)
    {
        int k = rows.RowCount;
        var norms = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) { norms[i] = rows.Row(i).L2Norm(); mean += norms[i]; }
        mean /= k;
        double var = 0;
        foreach (var n in norms) var += (n - mean) * (n - mean);
        return Math.Sqrt(var / k) / mean;
    }

    /// <summary>Coefficient of variation of the row norms of a row-major <paramref name="rows"/>×<paramref name="dim"/> array.</summary>
    public static double OfRows(ReadOnlySpan<double> values, int rows, int dim)
    {
        var norms = new double[rows];
        double mean = 0;
        for (int i = 0; i < rows; i++) { norms[i] = Math.Sqrt(Statistics.BlockStatistics.SumOfSquares(values.Slice(i * dim, dim))); mean += norms[i]; }
        mean /= rows;
        double var = 0;
        foreach (var n in norms) var += (n - mean) * (n - mean);
        return Math.Sqrt(var / rows) / mean;
    }
}
