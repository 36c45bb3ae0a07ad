using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>NC3 (self-duality): || Wᵀ/||W||_F − M̃ᵀ/||M̃||_F ||_F² (squared Frobenius, key <c>nc3</c>).</summary>
/// <remarks>Papyan, Han, Donoho (2020), PNAS, Fig. 5. Equals 2 − 2·cos_F(W, M̃) with the Frobenius cosine.</remarks>
public static class Nc3
{
    /// <summary>Computes NC3 for classifier W (K×d) and centred means M̃ (K×d).</summary>
    public static double Compute(Matrix<double> weights, Matrix<double> centredMeans)
    {
        var diff = weights / weights.FrobeniusNorm() - centredMeans / centredMeans.FrobeniusNorm();
        double f = diff.FrobeniusNorm();
        return f * f;
    }

    /// <summary>NC3 for row-major W and M̃ of the same shape, in two streamed sweeps (no K×d temporaries).</summary>
    public static double Compute(ReadOnlySpan<double> weights, ReadOnlySpan<double> centredMeans)
    {
        if (weights.Length != centredMeans.Length) throw new ArgumentException("W and M̃ differ in shape");
        var nw = Math.Sqrt(Statistics.BlockStatistics.SumOfSquares(weights));
        var nm = Math.Sqrt(Statistics.BlockStatistics.SumOfSquares(centredMeans));
        double s = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            var t = weights[i] / nw - centredMeans[i] / nm;
            s += t * t;
        }
        return s;
    }

    /// <summary>NC3 for row-major W and the centred means given as a view (no K×d temporaries).</summary>
    public static double Compute(ReadOnlySpan<double> weights, Statistics.CentredMeans centred)
    {
        int k = centred.Classes, d = centred.Dim;
        var row = new double[d];
        double mm = 0;
        for (int c = 0; c < k; c++)
        {
            centred.CopyRows(c, 1, row);
            mm += Statistics.BlockStatistics.SumOfSquares(row);
        }
        var nw = Math.Sqrt(Statistics.BlockStatistics.SumOfSquares(weights));
        var nm = Math.Sqrt(mm);
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            centred.CopyRows(c, 1, row);
            var w = weights.Slice(c * d, d);
            for (int j = 0; j < d; j++)
            {
                var t = w[j] / nw - row[j] / nm;
                s += t * t;
            }
        }
        return s;
    }
}
