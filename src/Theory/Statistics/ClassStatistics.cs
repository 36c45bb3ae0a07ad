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
    /// <summary>N = Σ n_k.</summary>
    public long Total => Counts.Sum();

    /// <summary>Throws <see cref="InputException"/> naming the first class with no samples.</summary>
    public void RequireAllClassesPresent(string source = "labels")
    {
        for (int c = 0; c < Classes; c++)
            if (Counts[c] == 0) throw new InputException($"{source}: class {c} has no samples (classes 0..{Classes - 1} are expected)");
    }

    /// <summary>Global mean μ_G of the requested kind.</summary>
    public Vector<double> GlobalMean(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced)
    {
        var g = Vector<double>.Build.Dense(Dim);
        if (kind == GlobalMeanKind.ClassBalanced)
        {
            int present = 0;
            for (int c = 0; c < Classes; c++) if (Counts[c] > 0) { g += Means.Row(c); present++; }
            return present == 0 ? g : g / present;
        }
        double n = Total;
        for (int c = 0; c < Classes; c++) if (Counts[c] > 0) g += Means.Row(c) * (Counts[c] / n);
        return g;
    }

    /// <summary>Centred means M̃ (K×d, row k = μ_k − μ_G).</summary>
    public Matrix<double> CentredMeans(GlobalMeanKind kind = GlobalMeanKind.ClassBalanced)
    {
        var g = GlobalMean(kind);
        var m = Means.Clone();
        for (int c = 0; c < Classes; c++) m.SetRow(c, Means.Row(c) - g);
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
