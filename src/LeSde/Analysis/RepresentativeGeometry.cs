using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.LeSde.Analysis;

/// <summary>Geometry of the class representatives F̄ (K×m row-major) used by the LE-SDE claims.</summary>
public static class RepresentativeGeometry
{
    /// <summary>
    /// ETF error of the normalised representatives about the origin: the <c>etfGramError</c> formula of
    /// docs/conventions.md, ‖G/‖G‖_F − (I − 11ᵀ/K)/√(K−1)‖_F, applied to G_kl = ⟨u_k, u_l⟩ with u_k = F̄_k/‖F̄_k‖
    /// (not centred: the LE-SDE has no global-mean offset, and centring would also call an orthonormal frame an ETF).
    /// NaN if a representative is 0.
    /// </summary>
    public static double NormalisedEtfError(ReadOnlySpan<double> means, int classes, int dim)
    {
        var rows = Matrix<double>.Build.Dense(classes, dim);
        for (var k = 0; k < classes; k++)
        {
            var row = means.Slice(k * dim, dim);
            var norm = 0.0;
            foreach (var v in row) norm += v * v;
            norm = Math.Sqrt(norm);
            if (!(norm > 0) || !double.IsFinite(norm)) return double.NaN;
            for (var j = 0; j < dim; j++) rows[k, j] = row[j] / norm;
        }
        return EtfGramError.OfRows(rows);
    }

    /// <summary>The conventions <c>etfGramError</c> of the class means (centred by their class-balanced mean).</summary>
    public static double CentredEtfError(ReadOnlySpan<double> means, int classes, int dim)
    {
        var rows = Matrix<double>.Build.Dense(classes, dim);
        for (var j = 0; j < dim; j++)
        {
            var centre = 0.0;
            for (var k = 0; k < classes; k++) centre += means[k * dim + j];
            centre /= classes;
            for (var k = 0; k < classes; k++) rows[k, j] = means[k * dim + j] - centre;
        }
        return EtfGramError.OfRows(rows);
    }

    /// <summary>min_{k&lt;l} ‖F̄_k − F̄_l‖.</summary>
    public static double MinMeanDistance(ReadOnlySpan<double> means, int classes, int dim)
    {
        var best = double.PositiveInfinity;
        for (var a = 0; a < classes; a++)
            for (var b = a + 1; b < classes; b++)
            {
                var s = 0.0;
                for (var j = 0; j < dim; j++) { var d = means[a * dim + j] - means[b * dim + j]; s += d * d; }
                best = Math.Min(best, Math.Sqrt(s));
            }
        return best;
    }

    /// <summary>Within-class RMS radius √((1/N) Σ_i ‖f̃_i − F̄_{y_i}‖²) = √Tr Σ_W (class-sorted, n per class).</summary>
    public static double WithinRms(ReadOnlySpan<double> features, ReadOnlySpan<double> means, int classes, int perClass, int dim)
    {
        var s = 0.0;
        for (var k = 0; k < classes; k++)
            for (var i = 0; i < perClass; i++)
                for (var j = 0; j < dim; j++)
                {
                    var d = features[(k * perClass + i) * dim + j] - means[k * dim + j];
                    s += d * d;
                }
        return Math.Sqrt(s / (classes * perClass));
    }
}
