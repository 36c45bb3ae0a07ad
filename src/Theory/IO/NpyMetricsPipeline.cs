using Collapse.Theory.Metrics;
using Collapse.Theory.Margins;
using Collapse.Theory.Statistics;
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

/// <summary>
/// Every NC metric, margin and loss (<see cref="MetricReport"/>) of features stored in .npy files, computed by
/// streaming the features twice in chunks: pass 1 feeds <see cref="ClassStatisticsAccumulator"/>, pass 2 feeds
/// <see cref="SampleEvaluator"/> given the class means and W. Memory O(K·d + d² + N) (the labels and one chunk),
/// never O(N·d). All inputs are validated first (<see cref="InputValidation"/>); features are checked for NaN/Inf
/// chunk by chunk during pass 1, before any statistic is reported.
/// </summary>
/// <remarks>Metrics follow docs/conventions.md (Papyan, Han, Donoho 2020 and the references on each metric).</remarks>
public static class NpyMetricsPipeline
{
    /// <summary>Target size of one chunk of doubles when <see cref="NpyMetricsInputs.ChunkRows"/> is null.</summary>
    public const int DefaultChunkBytes = 8 << 20;

    /// <summary>Validates the inputs and runs both passes.</summary>
    /// <exception cref="InputException">Any problem with the files, shapes, labels or values.</exception>
    public static MetricReport Compute(NpyMetricsInputs inputs)
    {
        if (inputs.ChunkRows is { } cr && cr < 1)
            throw new InputException($"--chunk-rows {cr}: must be at least 1");
        if (inputs.BiasPath is not null && inputs.ClassifierPath is null)
            throw new InputException($"{inputs.BiasPath}: a bias needs a classifier (--classifier W.npy)");

        var labels = NpyReader.ReadLabels(inputs.LabelsPath);
        using var reader = NpyRowReader.Open(inputs.FeaturesPath);
        InputValidation.CheckSameCount(reader.Rows, labels.Length, inputs.FeaturesPath, inputs.LabelsPath);
        var dim = reader.Columns;
        if (dim < 1) throw new InputException($"{inputs.FeaturesPath}: features have 0 columns (shape {reader.Header.ShapeText})");
        var classes = InputValidation.ResolveClasses(labels, inputs.Classes, inputs.LabelsPath);
        InputValidation.CheckEveryClassPresent(InputValidation.CountClasses(labels, classes), inputs.LabelsPath);
        var classifier = LoadClassifier(inputs, classes, dim);

        var chunkRows = inputs.ChunkRows ?? Math.Max(1, DefaultChunkBytes / (8 * dim));

        // Pass 1: class statistics (and the finiteness check of every feature value). The d×d scatter is not
        // needed: nc1 is accumulated in pass 2 by the rank-(K−1) projection (O(N·d·K) instead of O(N·d²)).
        var accumulator = new ClassStatisticsAccumulator(classes, dim, trackScatter: false);
        var start = 0;
        foreach (var (rows, count) in reader.Chunks(chunkRows))
        {
            var block = rows.AsSpan(0, count * dim);
            InputValidation.CheckFinite(block, dim, start, inputs.FeaturesPath);
            accumulator.Add(block, labels.AsSpan(start, count));
            start += count;
        }
        var stats = accumulator.Build();

        // Pass 2: per-sample decisions, margins and losses given the means and W.
        reader.Reset();
        var evaluator = new SampleEvaluator(stats, classifier, projectNc1: true);
        start = 0;
        foreach (var (rows, count) in reader.Chunks(chunkRows))
        {
            evaluator.Add(rows.AsSpan(0, count * dim), labels.AsSpan(start, count));
            start += count;
        }
        return NcMetrics.FromPasses(stats, evaluator, classifier);
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
        return new Classifier(w.ToMatrix(), bias);
    }
}
