namespace Collapse.Theory.IO;

/// <summary>The files of a synthetic labelled feature set written by <see cref="SyntheticFeatures.Write"/>.</summary>
/// <param name="Features">N×d float32 features.</param>
/// <param name="Labels">N int32 labels, y_i = i mod K.</param>
/// <param name="Classifier">K×d float64 classifier W (= the class centres).</param>
/// <param name="Bias">K float64 bias (zeros).</param>
public sealed record SyntheticFeatureFiles(string Features, string Labels, string Classifier, string Bias);

/// <summary>
/// A synthetic benchmark input, written row block by row block (never N×d in memory): class centres μ_k ~ N(0, s²I),
/// features h_i = μ_{y_i} + N(0, I) stored as float32, labels y_i = i mod K (int32), W = the centres, b = 0. The same
/// recipe as bench/make-large-npy.cs, used by <c>collapse bench metrics</c>.
/// </summary>
public static class SyntheticFeatures
{
    /// <summary>Writes features.npy, labels.npy, W.npy and b.npy into <paramref name="dir"/> (atomically, each file).</summary>
    public static SyntheticFeatureFiles Write(string dir, int rows, int dim, int classes, int seed = 1, double spread = 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        double Gaussian() => Numerics.Gaussian.StandardNormal(rng);
        var means = new double[(long)classes * dim];
        for (var i = 0; i < means.Length; i++) means[i] = spread * Gaussian();
        var files = new SyntheticFeatureFiles(Path.Combine(dir, "features.npy"), Path.Combine(dir, "labels.npy"),
            Path.Combine(dir, "W.npy"), Path.Combine(dir, "b.npy"));
        NpyWriter.WriteMatrix(files.Classifier, means, classes, dim);
        NpyWriter.WriteVector(files.Bias, new double[classes]);
        var labels = new int[rows];
        for (var i = 0; i < rows; i++) labels[i] = i % classes;
        NpyWriter.WriteLabels(files.Labels, labels);
        const int block = 1024;
        var buffer = new double[block * dim];
        using (var w = new NpyStreamWriter(files.Features, rows, dim, NpyDType.Float32))
        {
            for (var r0 = 0; r0 < rows; r0 += block)
            {
                var count = Math.Min(block, rows - r0);
                for (var r = 0; r < count; r++)
                {
                    var y = labels[r0 + r];
                    for (var c = 0; c < dim; c++) buffer[r * dim + c] = means[(long)y * dim + c] + Gaussian();
                }
                w.WriteRows(buffer.AsSpan(0, count * dim));
            }
            w.Commit();
        }
        return files;
    }
}
