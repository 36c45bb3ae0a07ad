using System.Globalization;
using System.Text;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Metrics;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// The per-epoch CSV (<c>epochs.csv</c>): one row per epoch, camelCase columns. Metric columns use the JSON keys of
/// docs/conventions.md prefixed with <c>train</c> / <c>test</c> (e.g. <c>trainNc1</c>, <c>testNc1TraceRatio</c>,
/// <c>trainMinMargin</c> = p_min); <c>trainLoss</c>/<c>testLoss</c> are the CE and <c>trainLogLoss</c> its log computed
/// in the log domain. γ_kl summaries are <c>trainGammaMin</c>, …; <c>svmDistance</c> is the distance of the normalised
/// last layer to the normalised SVM (<see cref="EpochRecord.SvmDistance"/>), <c>svmSeconds</c> the time of its solve; <c>testNc1TrainMeans</c>, <c>testNc1TraceRatioTrainMeans</c>, <c>testCdnvTrainMeans</c> and <c>testNccAccuracyTrainMeans</c> measure the test features about the train class means (<see cref="EpochRecord.TestAgainstTrainMeans"/>). Cells of unmeasured epochs, and NaN values (e.g. the learning rate of an imported run), are empty; numbers are invariant-culture round-trip.
/// </summary>
public static class EpochTable
{
    private static readonly string[] MetricKeys =
    [
        "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier", "equiangularity", "maxAngle",
        "etfGramError", "nc3", "nc4", "nccAccuracy", "minMargin", "normalizedMargin", "smoothedMargin", "normalizedSmoothedMargin",
    ];

    /// <summary>Column names in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = BuildColumns().Select(c => c.Name).ToArray();

    /// <summary>Writes <paramref name="records"/> to <paramref name="path"/> atomically (temp file, then move).</summary>
    public static void Write(string path, IReadOnlyList<EpochRecord> records)
    {
        CsvFile.WriteAtomic(path, Format(records));
    }

    /// <summary>The CSV text.</summary>
    public static string Format(IReadOnlyList<EpochRecord> records)
    {
        var columns = BuildColumns();
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => c.Name)).Append('\n');
        foreach (var r in records)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0) sb.Append(',');
                var v = columns[i].Value(r);
                if (v is double x && !double.IsNaN(x)) sb.Append(x.ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Looks up a metric of a report by its conventions key (null when absent).</summary>
    public static double? Metric(MetricReport? report, string key)
    {
        if (report is null) return null;
        foreach (var kv in report.ToKeyValues())
            if (kv.Key == key) return kv.Value;
        return null;
    }

    private static List<(string Name, Func<EpochRecord, double?> Value)> BuildColumns()
    {
        var c = new List<(string, Func<EpochRecord, double?>)>
        {
            ("epoch", r => r.Epoch),
            ("learningRate", r => r.LearningRate),
            ("batchLoss", r => r.BatchLoss),
            ("trainLoss", r => r.Train?.Ce),
            ("trainLogLoss", r => r.Train?.LogCe),
            ("trainAccuracy", r => r.Train?.Accuracy),
            ("testLoss", r => r.Test?.Ce),
            ("testLogLoss", r => r.Test?.LogCe),
            ("testAccuracy", r => r.Test?.Accuracy),
        };
        foreach (var prefix in new[] { "train", "test" })
        {
            foreach (var key in MetricKeys)
            {
                var k = key;
                Func<EpochRecord, MetricReport?> pick = prefix == "train" ? r => r.Train : r => r.Test;
                c.Add((prefix + char.ToUpperInvariant(k[0]) + k[1..], r => Metric(pick(r), k)));
            }
            Func<EpochRecord, GammaSummary?> gamma = prefix == "train"
                ? r => r.Train?.Margins is { } m ? GammaSummary.Of(m.ClassPair) : null
                : r => r.Test?.Margins is { } m ? GammaSummary.Of(m.ClassPair) : null;
            c.Add((prefix + "GammaMin", r => gamma(r)?.Min));
            c.Add((prefix + "GammaMean", r => gamma(r)?.Mean));
            c.Add((prefix + "GammaMedian", r => gamma(r)?.Median));
            c.Add((prefix + "GammaMax", r => gamma(r)?.Max));
            c.Add((prefix + "GammaCv", r => gamma(r)?.CoefficientOfVariation));
        }
        c.Add(("svmDistance", r => r.SvmDistance));
        c.Add(("epochSeconds", r => r.EpochSeconds));
        c.Add(("measureSeconds", r => r.MeasureSeconds));
        c.Add(("recomputedSteps", r => r.RecomputedSteps));
        c.Add(("svmSeconds", r => r.SvmSeconds));
        c.Add(("testNc1TrainMeans", r => r.TestAgainstTrainMeans?.Nc1));
        c.Add(("testNc1TraceRatioTrainMeans", r => r.TestAgainstTrainMeans?.Nc1TraceRatio));
        c.Add(("testCdnvTrainMeans", r => r.TestAgainstTrainMeans?.Cdnv));
        c.Add(("testNccAccuracyTrainMeans", r => r.TestAgainstTrainMeans?.NccAccuracy));
        return c;
    }
}
