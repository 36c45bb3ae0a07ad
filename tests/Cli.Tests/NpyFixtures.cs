using Collapse.Theory.IO;

namespace Collapse.Cli.Tests;

/// <summary>A temporary folder of .npy fixtures: valid ones written by the library, broken ones crafted byte by byte.</summary>
internal sealed class NpyFixtures : IDisposable
{
    public NpyFixtures()
    {
        Dir = Path.Combine(Path.GetTempPath(), "collapse-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>A well-separated valid set: K classes, n per class, d dims, class k centred at 5·e_k.</summary>
    public (string Features, string Labels, string Classifier, string Bias) ValidSet(int k = 3, int perClass = 4, int d = 5)
    {
        var n = k * perClass;
        var h = new double[n * d];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % k;
            for (var j = 0; j < d; j++) h[(i * d) + j] = (j == y[i] ? 5.0 : 0.0) + (0.01 * (((i * 31) + (j * 17)) % 7 - 3));
        }
        var w = new double[k * d];
        for (var c = 0; c < k; c++) w[(c * d) + c] = 1.0;
        var features = PathOf("features.npy");
        var labels = PathOf("labels.npy");
        var classifier = PathOf("W.npy");
        var bias = PathOf("b.npy");
        NpyWriter.WriteMatrix(features, h, n, d, NpyDType.Float32);
        NpyWriter.WriteLabels(labels, y, NpyDType.Int64);
        NpyWriter.WriteMatrix(classifier, w, k, d);
        NpyWriter.WriteVector(bias, new double[k]);
        return (features, labels, classifier, bias);
    }

    public string WriteFeatures(string name, double[] rowMajor, int rows, int cols)
    {
        NpyWriter.WriteMatrix(PathOf(name), rowMajor, rows, cols);
        return PathOf(name);
    }

    public string WriteLabels(string name, params int[] labels)
    {
        NpyWriter.WriteLabels(PathOf(name), labels);
        return PathOf(name);
    }

    /// <summary>Writes a hand-crafted v1 .npy file with the given header dict and raw data (<see cref="Fuzz.NpyMutation.Join"/>).</summary>
    public string Craft(string name, string dict, byte[] data)
    {
        File.WriteAllBytes(PathOf(name), Fuzz.NpyMutation.Join(dict, data));
        return PathOf(name);
    }

    public static string Dict(string descr, string shape, bool fortran = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }
}
