using Collapse.Theory.Metrics;
using Collapse.Theory.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.IO;

/// <summary>The files and options of one <see cref="NpyMetricsPipeline"/> run.</summary>
/// <param name="FeaturesPath">N×d features (.npy, float32 or float64; integer types are read as doubles too).</param>
/// <param name="LabelsPath">N labels (.npy, int32, int64 or uint8) in [0, K).</param>
/// <param name="ClassifierPath">Optional K×d classifier W.</param>
/// <param name="BiasPath">Optional bias b of length K (requires W).</param>
/// <param name="Classes">K, or null to infer max(label)+1.</param>
/// <param name="ChunkRows">Rows per streamed chunk, or null for about 8 MB of doubles per chunk.</param>
public sealed record NpyMetricsInputs(
    string FeaturesPath, string LabelsPath, string? ClassifierPath = null, string? BiasPath = null,
    int? Classes = null, int? ChunkRows = null);

/// <summary>The validated inputs of a metric run: the open feature file, the labels, K and the classifier.</summary>
/// <param name="Features">Positioned-read access to the features.</param>
/// <param name="Labels">N labels in [0, K), every class present.</param>
/// <param name="Classes">K.</param>
/// <param name="Classifier">W and b, or null.</param>
public sealed record LoadedMetricInputs(NpyFeatureSource Features, int[] Labels, int Classes, Classifier? Classifier) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Features.Dispose();
}

/// <summary>
/// Every NC metric, margin and loss (<see cref="MetricReport"/>) of features stored in .npy files, computed by the
/// streamed core <see cref="MetricEngine"/>: pass 1 reads the features in chunks for the class statistics, pass 2
/// again for the decisions, margins and losses given the means and W. Memory O(K·d + N + chunk) (the labels and a
/// chunk per thread), never O(N·d), and never O(K²) unless the K×K class-pair margins are asked for. All inputs are
/// validated first (<see cref="InputValidation"/>); features are checked for NaN/Inf chunk by chunk during pass 1,
/// before any statistic is reported.
/// </summary>
/// <remarks>Metrics follow docs/conventions.md (Papyan, Han, Donoho 2020 and the references on each metric).</remarks>
public static class NpyMetricsPipeline
{
    /// <summary>Target size of one chunk of doubles when <see cref="NpyMetricsInputs.ChunkRows"/> is null.</summary>
    public const int DefaultChunkBytes = MetricOptions.DefaultChunkBytes;

    /// <summary>Validates the inputs and runs both passes with default engine options.</summary>
    /// <exception cref="InputException">Any problem with the files, shapes, labels or values.</exception>
    public static MetricReport Compute(NpyMetricsInputs inputs) => Compute(inputs, new MetricOptions());

    /// <summary>Validates the inputs and runs both passes (threads, pair margins and progress from <paramref name="options"/>).</summary>
    /// <exception cref="InputException">Any problem with the files, shapes, labels or values.</exception>
    public static MetricReport Compute(NpyMetricsInputs inputs, MetricOptions options)
    {
        using var loaded = Load(inputs);
        options = options with { ChunkRows = inputs.ChunkRows ?? options.ChunkRows };
        return MetricEngine.Compute(loaded.Features, loaded.Labels, loaded.Classes, loaded.Classifier, options);
    }

    /// <summary>Opens and validates every input file (the features are only opened, not read).</summary>
    /// <exception cref="InputException">Any problem with the files, shapes or labels.</exception>
    public static LoadedMetricInputs Load(NpyMetricsInputs inputs)
    {
        if (inputs.ChunkRows is { } cr && cr < 1)
            throw new InputException($"--chunk-rows {cr}: must be at least 1");
        if (inputs.BiasPath is not null && inputs.ClassifierPath is null)
            throw new InputException($"{inputs.BiasPath}: a bias needs a classifier (--classifier W.npy)");

        var labels = NpyReader.ReadLabels(inputs.LabelsPath);
        var features = NpyFeatureSource.Open(inputs.FeaturesPath);
        try
        {
            InputValidation.CheckSameCount(features.Rows, labels.Length, inputs.FeaturesPath, inputs.LabelsPath);
            var dim = features.Dim;
            if (dim < 1) throw new InputException($"{inputs.FeaturesPath}: features have 0 columns (shape {features.Header.ShapeText})");
            var classes = InputValidation.ResolveClasses(labels, inputs.Classes, inputs.LabelsPath);
            InputValidation.CheckEveryClassPresent(InputValidation.CountClasses(labels, classes), inputs.LabelsPath);
            var classifier = LoadClassifier(inputs, classes, dim);
            return new LoadedMetricInputs(features, labels, classes, classifier);
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }

    private static Classifier? LoadClassifier(NpyMetricsInputs inputs, int classes, int dim)
    {
        if (inputs.ClassifierPath is null) return null;
        var w = NpyReader.ReadMatrix(inputs.ClassifierPath);
        InputValidation.CheckClassifierShape(w.Shape, classes, dim, inputs.ClassifierPath);
        InputValidation.CheckFinite(w.Data, dim, 0, inputs.ClassifierPath);
        Vector<double>? bias = null;
        if (inputs.BiasPath is not null)
        {
            var b = NpyReader.ReadVector(inputs.BiasPath);
            InputValidation.CheckBiasLength(b.Length, classes, inputs.BiasPath);
            InputValidation.CheckFinite(b, 1, 0, inputs.BiasPath);
            bias = Vector<double>.Build.DenseOfArray(b);
        }
        return Classifier.FromRowMajor(w.Data, classes, dim, bias);
    }
}
