using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Statistics;

/// <summary>Which global mean centres the class means (docs/conventions.md §Means and covariances).</summary>
public enum GlobalMeanKind
{
    /// <summary>Canonical: μ_G = (1/K) Σ_k μ_k (class-balanced; Papyan et al. 2020).</summary>
    ClassBalanced,
    /// <summary>Variant <c>sampleWeighted</c>: μ_G = (1/N) Σ_i h_i.</summary>
    SampleWeighted,
}

/// <summary>
/// Immutable per-class sufficient statistics (output of <see cref="ClassStatisticsAccumulator"/>).
/// </summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
/// <param name="Counts">n_k.</param>
/// <param name="Means">K×d class means μ_k (rows).</param>
/// <param name="ClassSquaredDeviation">Σ_{y_i=k} ||h_i − μ_k||² per class.</param>
/// <param name="WithinScatter">Pooled Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ (d×d; not divided by N), or null if not tracked.</param>
/// <param name="SumSquaredNorms">Σ_i ||h_i||² (= ||H||_F²).</param>
/// <param name="MaxNorm">max_i ||h_i||.</param>
public sealed record ClassStatistics(
    int Classes, int Dim, long[] Counts, Matrix<double> Means, double[] ClassSquaredDeviation,
    Matrix<double>? WithinScatter, double SumSquaredNorms, double MaxNorm)
{
    private double[]? _meanRows;
    private Matrix<double>? _means = Means;

    /// <summary>K×d class means μ_k (rows); built from <see cref="MeanRows"/> on first use when created row-major.</summary>
    public Matrix<double> Means
    {
        get => _means ??= Matrix<double>.Build.DenseOfRowMajor(Classes, Dim, _meanRows!);
        init => _means = value;
    }

    /// <summary>The class means row-major (K×d, row k = μ_k), the layout of the dense kernels.</summary>
    public double[] MeanRows => _meanRows ??= _means!.ToRowMajorArray();

    /// <summary>Statistics whose means are given row-major (no K×d MathNet copy until <see cref="Means"/> is read).</summary>
    public static ClassStatistics FromRowMajor(int classes, int dim, long[] counts, double[] meanRows, double[] classSquaredDeviation,
        Matrix<double>? withinScatter, double sumSquaredNorms, double maxNorm)
    {
        if (meanRows.Length != (long)classes * dim) throw new ArgumentException($"means hold {meanRows.Length} values, expected {classes}×{dim}", nameof(meanRows));
        return new ClassStatistics(classes, dim, counts, null!, classSquaredDeviation, withinScatter, sumSquaredNorms, maxNorm) { _meanRows = meanRows };
    }

    /// <summary>N = Σ n_k.</summary>
    public long Total => Counts.Sum();

    /// <summary>Throws <see cref="InputException"/> naming the first class with no samples.</summary>
    public void RequireAllClassesPresent(string source = "labels")
    {
        for (int c = 0; c < Classes; c++)
            if (Counts[c] == 0) throw new InputException($"{source}: class {c} has no samples (classes 0..{Classes - 1} are expected)");
    }

    /// <summary>Global mean μ_G of the requested kind.</summary>
    public Vector<double> GlobalMean(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced) => Vector<double>.Build.DenseOfArray(GlobalMeanArray(kind));

    /// <summary>Global mean μ_G of the requested kind as an array (the same values as <see cref="GlobalMean"/>).</summary>
    public double[] GlobalMeanArray(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced)
    {
        var g = new double[Dim];
        var m = MeanRows;
        if (kind == GlobalMeanKind.ClassBalanced)
        {
            int present = 0;
            for (int c = 0; c < Classes; c++)
                if (Counts[c] > 0)
                {
                    var row = m.AsSpan(c * Dim, Dim);
                    for (int j = 0; j < Dim; j++) g[j] += row[j];
                    present++;
                }
            if (present > 0)
                for (int j = 0; j < Dim; j++) g[j] /= present;
            return g;
        }
        double n = Total;
        for (int c = 0; c < Classes; c++)
            if (Counts[c] > 0)
            {
                var row = m.AsSpan(c * Dim, Dim);
                var f = Counts[c] / n;
                for (int j = 0; j < Dim; j++) g[j] += row[j] * f;
            }
        return g;
    }

    /// <summary>Centred means M̃ (K×d, row k = μ_k − μ_G).</summary>
    public Matrix<double> CentredMeans(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced) =>
        Matrix<double>.Build.DenseOfRowMajor(Classes, Dim, CentredMeanRows(kind));

    /// <summary>Centred means M̃ row-major (K×d), the same values as <see cref="CentredMeans"/>.</summary>
    public double[] CentredMeanRows(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced)
    {
        var g = GlobalMeanArray(kind);
        var m = (double[])MeanRows.Clone();
        for (int c = 0; c < Classes; c++)
        {
            var row = m.AsSpan(c * Dim, Dim);
            for (int j = 0; j < Dim; j++) row[j] -= g[j];
        }
        return m;
    }

    /// <summary>Σ_k σ_k² … per class: σ_k² = (1/n_k) Σ||h − μ_k||² (biased).</summary>
    public double ClassVariance(int k) => Counts[k] == 0 ? double.NaN : ClassSquaredDeviation[k] / Counts[k];

    /// <summary>Tr Σ_W = (1/N) Σ_i ||h_i − μ_{y_i}||².</summary>
    public double TraceSigmaW => ClassSquaredDeviation.Sum() / Total;

    /// <summary>Σ_W = (1/N) × pooled scatter (d×d); throws if the scatter was not tracked.</summary>
    public Matrix<double> SigmaW => WithinScatter is null
        ? throw new InvalidOperationException("within-class scatter was not tracked")
        : WithinScatter / Total;
}
