using System.Text.Json;
using Collapse.DeepValidation.Training;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// Writes chosen epochs of a training run as a run folder (<see cref="RunManifest"/>): for epoch e the files
/// <c>epoch-EEEE/{train_features,train_labels,test_features,test_labels,classifier,bias}.npy</c>, features as
/// float32 (the network's precision), classifier and bias as float64, labels as int64. The manifest is rewritten
/// atomically after every epoch, so an interrupted run stays analysable.
/// </summary>
public sealed class RunFolderWriter : IRunExporter
{
    private readonly string folder;
    private readonly RunManifest manifest;

    /// <summary>Creates the writer for the folder <paramref name="folder"/> (created if missing).</summary>
    public RunFolderWriter(string folder, string source)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
        manifest = new RunManifest { Source = source };
    }

    /// <inheritdoc />
    public void Export(int epoch, double[] trainFeatures, int[] trainLabels, double[] testFeatures, int[] testLabels,
        double[] weights, double[]? bias, int classes, int dim)
    {
        var name = $"epoch-{epoch:D4}";
        var dir = Path.Combine(folder, name);
        Directory.CreateDirectory(dir);
        NpyWriter.WriteMatrix(Path.Combine(dir, "train_features.npy"), trainFeatures, trainLabels.Length, dim, NpyDType.Float32);
        NpyWriter.WriteLabels(Path.Combine(dir, "train_labels.npy"), trainLabels, NpyDType.Int64);
        NpyWriter.WriteMatrix(Path.Combine(dir, "test_features.npy"), testFeatures, testLabels.Length, dim, NpyDType.Float32);
        NpyWriter.WriteLabels(Path.Combine(dir, "test_labels.npy"), testLabels, NpyDType.Int64);
        NpyWriter.WriteMatrix(Path.Combine(dir, "classifier.npy"), weights, classes, dim);
        if (bias is not null) NpyWriter.WriteVector(Path.Combine(dir, "bias.npy"), bias);
        var entry = new RunEpochEntry
        {
            Epoch = epoch,
            TrainFeatures = $"{name}/train_features.npy",
            TrainLabels = $"{name}/train_labels.npy",
            TestFeatures = $"{name}/test_features.npy",
            TestLabels = $"{name}/test_labels.npy",
            Classifier = $"{name}/classifier.npy",
            Bias = bias is null ? null : $"{name}/bias.npy",
        };
        manifest.Epochs.RemoveAll(e => e.Epoch == epoch);
        manifest.Epochs.Add(entry);
        var updated = manifest with { Classes = classes, FeatureDim = dim };
        var path = Path.Combine(folder, "manifest.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(updated, RunManifest.JsonOptions));
    }
}
