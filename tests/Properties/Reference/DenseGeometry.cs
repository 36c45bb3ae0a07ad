using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Reference;

/// <summary>
/// TEST-ONLY REFERENCE: the dense per-pair implementations of CDNV, equiangularity/maxAngle and the ETF Gram error of
/// commit d2d7ce9 (a K×K Gram matrix, a row-vector pair at a time), kept to check the tiled <c>MeanGeometry</c>.
/// </summary>
public static class DenseGeometry
{
    public static double Cdnv(ClassStatistics stats)
    {
        int k = stats.Classes;
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
            {
                double dist2 = (stats.Means.Row(a) - stats.Means.Row(b)).DotProduct(stats.Means.Row(a) - stats.Means.Row(b));
                sum += (stats.ClassVariance(a) + stats.ClassVariance(b)) / (2 * dist2);
                pairs++;
            }
        return sum / pairs;
    }

    public static (double Mean, double Max) Equiangularity(Matrix<double> rows)
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
                if (e > max || double.IsNaN(e)) max = double.IsNaN(max) ? max : e; // a 0/0 angle makes the maximum undefined, as it makes the mean
                pairs++;
            }
        return (sum / pairs, max);
    }

    public static double EtfGramError(Matrix<double> rows)
    {
        int k = rows.RowCount;
        var g = rows.TransposeAndMultiply(rows);
        var target = (Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k)) / Math.Sqrt(k - 1);
        return (g / g.FrobeniusNorm() - target).FrobeniusNorm();
    }
}
