using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Tests.Svm;

/// <summary>Deterministic SVM instances for the tests.</summary>
internal static class SvmTestData
{
    /// <summary>
    /// Gaussian clusters: class means 3·N(0, I_d), unit-variance noise, n samples per class (labels i mod K).
    /// With K = 5, d = 12, n = 25 the seeds used in the tests give separable data (checked by the tests themselves).
    /// </summary>
    public static (double[] Features, int[] Labels) Clusters(int classes, int dim, int perClass, int seed, double spread = 3)
    {
        var rng = new Random(seed);
        var means = new double[classes * dim];
        for (var t = 0; t < means.Length; t++) means[t] = spread * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
        var n = classes * perClass;
        var features = new double[n * dim];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (var t = 0; t < dim; t++) features[i * dim + t] = means[labels[i] * dim + t] + Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
        }
        return (features, labels);
    }

    /// <summary>Fully collapsed features h_i = c·m_{y_i} (m_k the rows of <paramref name="etf"/>), n per class.</summary>
    public static (double[] Features, int[] Labels) Collapsed(Matrix<double> etf, double c, int perClass)
    {
        int k = etf.RowCount, d = etf.ColumnCount, n = k * perClass;
        var features = new double[n * d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % k;
            for (var t = 0; t < d; t++) features[i * d + t] = c * etf[labels[i], t];
        }
        return (features, labels);
    }

    /// <summary>||a − b||_F / ||b||_F.</summary>
    public static double RelativeDifference(Matrix<double> a, Matrix<double> b) => (a - b).FrobeniusNorm() / b.FrobeniusNorm();
}
