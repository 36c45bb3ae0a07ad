using Collapse.Theory.IO;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>
/// Computes the full <see cref="MetricReport"/>: pass 1 (<see cref="ClassStatisticsAccumulator"/>) gives the class
/// statistics, pass 2 (<see cref="SampleEvaluator"/>) the per-sample decisions, margins and losses. In-memory callers
/// use <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{int}, int, int, Classifier?)"/>, which runs the shared
/// streamed core <see cref="MetricEngine"/>; callers that run the passes themselves call <see cref="FromPasses"/>.
/// </summary>
public static class NcMetrics
{
    /// <summary>Both passes over in-memory data (row-major N×d features, N labels in [0, K)).</summary>
    /// <exception cref="InputException">A feature is NaN or ±Inf (named by row and column), or a class is empty.</exception>
    public static MetricReport Compute(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim,
        Classifier? classifier = null) => Compute(features, labels, classes, dim, classifier, new MetricOptions());

    /// <summary>Both passes over in-memory data with engine options (threads, pair-margin matrix, progress).</summary>
    /// <exception cref="InputException">A feature is NaN or ±Inf (with <see cref="MetricOptions.CheckFinite"/>), or a class is empty.</exception>
    public static unsafe MetricReport Compute(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim,
        Classifier? classifier, MetricOptions options)
    {
        if (features.Length != (long)labels.Length * dim) throw new ArgumentException($"features hold {features.Length} values, expected {labels.Length}×{dim}");
        var y = labels.ToArray();
        for (var i = 0; i < y.Length; i++)
            if ((uint)y[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), $"label {y[i]} at index {i} is outside [0, {classes})");
        fixed (double* p = features)
        {
            using var memory = new PinnedMemory(p, features.Length);
            return MetricEngine.Compute(new ArrayFeatureSource(memory.Memory, dim), y, classes, classifier, options);
        }
    }

    /// <summary>Assembles the report from the two passes (canonical conventions of docs/conventions.md).</summary>
    public static MetricReport FromPasses(ClassStatistics stats, SampleEvaluator evaluation, Classifier? classifier)
    {
        stats.RequireAllClassesPresent();
        var geo = MeanGeometry.Of(stats);
        var centred = CentredMeans.Of(stats);
        return new MetricReport
        {
            Classes = stats.Classes,
            Samples = stats.Total,
            Dim = stats.Dim,
            Nc1 = stats.WithinScatter is null ? evaluation.Nc1 : Metrics.Nc1.Compute(stats),
            Nc1TraceRatio = stats.TraceSigmaW / geo.TraceSigmaB,
            Cdnv = geo.Cdnv,
            EquinormMeans = geo.EquinormMeans,
            EquinormClassifier = classifier is null ? null : Equinorm.OfRows(classifier.RowMajor, classifier.Classes, classifier.Dim),
            Equiangularity = geo.Equiangularity,
            MaxAngle = geo.MaxAngle,
            EtfGramError = geo.EtfGramError,
            Nc3 = classifier is null ? null : Metrics.Nc3.Compute(classifier.RowMajor, centred),
            Nc4 = evaluation.Nc4,
            NccAccuracy = evaluation.NccAccuracy,
            Accuracy = evaluation.Accuracy,
            Ce = evaluation.CrossEntropyMean,
            LogCe = evaluation.LogCrossEntropy,
            Margins = evaluation.Margins(stats),
            Undefined = geo.Undefined,
        };
    }
}
