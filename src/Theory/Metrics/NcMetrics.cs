using Collapse.Theory.Margins;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>
/// Computes the full <see cref="MetricReport"/>: pass 1 (<see cref="ClassStatisticsAccumulator"/>) gives the class
/// statistics, pass 2 (<see cref="SampleEvaluator"/>) the per-sample decisions, margins and losses. Streaming callers
/// run the two passes themselves and call <see cref="FromPasses"/>; in-memory callers use <see cref="Compute"/>.
/// </summary>
public static class NcMetrics
{
    /// <summary>Both passes over in-memory data (row-major N×d features, N labels in [0, K)).</summary>
    /// <exception cref="InputException">A feature is NaN or ±Inf (named by row and column), or a class is empty.</exception>
    public static MetricReport Compute(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim,
        Classifier? classifier = null)
    {
        Validation.InputValidation.CheckFinite(features, dim, 0, "features");
        var stats = ClassStatisticsAccumulator.Of(features, labels, classes, dim);
        stats.RequireAllClassesPresent();
        var eval = new SampleEvaluator(stats, classifier);
        eval.Add(features, labels);
        return FromPasses(stats, eval, classifier);
    }

    /// <summary>Assembles the report from the two passes (canonical conventions of docs/conventions.md).</summary>
    public static MetricReport FromPasses(ClassStatistics stats, SampleEvaluator evaluation, Classifier? classifier)
    {
        stats.RequireAllClassesPresent();
        var centred = stats.CentredMeans();
        var (angleMean, angleMax) = Equiangularity.OfRows(centred);
        return new MetricReport
        {
            Classes = stats.Classes,
            Samples = stats.Total,
            Dim = stats.Dim,
            Nc1 = stats.WithinScatter is null ? evaluation.Nc1 : Metrics.Nc1.Compute(stats),
            Nc1TraceRatio = Metrics.Nc1TraceRatio.Compute(stats),
            Cdnv = Metrics.Cdnv.Compute(stats),
            EquinormMeans = Equinorm.OfRows(centred),
            EquinormClassifier = classifier is null ? null : Equinorm.OfRows(classifier.Weights),
            Equiangularity = angleMean,
            MaxAngle = angleMax,
            EtfGramError = Metrics.EtfGramError.OfRows(centred),
            Nc3 = classifier is null ? null : Metrics.Nc3.Compute(classifier.Weights, centred),
            Nc4 = evaluation.Nc4,
            NccAccuracy = evaluation.NccAccuracy,
            Accuracy = evaluation.Accuracy,
            Ce = evaluation.CrossEntropyMean,
            LogCe = evaluation.LogCrossEntropy,
            Margins = evaluation.Margins(stats),
        };
    }
}
