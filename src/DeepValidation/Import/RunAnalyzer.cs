using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Collapse.Theory.IO;
using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;
using Collapse.Theory.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.DeepValidation.Import;

/// <summary>
/// Turns a run folder written elsewhere (tools/export_run.py, or <c>collapse deep train --export-epochs</c>) into the
/// same per-epoch table as a TorchSharp run: NC metrics, margins and CE of the train and test features with the
/// exported last layer, computed by Collapse.Theory; plus the claim verdicts of a single run.
/// </summary>
public static class RunAnalyzer
{
    /// <summary>Reads every listed epoch and measures it.</summary>
    public static RunAnalysis Analyze(string folder)
    {
        var manifest = RunFolderReader.ReadManifest(folder);
        var records = new List<EpochRecord>();
        int? classes = manifest.Classes > 0 ? manifest.Classes : null;
        foreach (var e in manifest.Epochs)
        {
            var w = NpyReader.ReadMatrix(Resolve(folder, e.Classifier));
            var k = classes ?? w.Rows;
            var d = w.Columns;
            InputValidation.CheckClassifierShape(w.Shape, k, d, e.Classifier);
            Vector<double>? bias = null;
            if (e.Bias is not null)
            {
                var b = NpyReader.ReadVector(Resolve(folder, e.Bias));
                InputValidation.CheckBiasLength(b.Length, k, e.Bias);
                bias = Vector<double>.Build.DenseOfArray(b);
            }
            var classifier = new Classifier(w.ToMatrix(), bias);
            var (trainFeatures, trainLabels) = Load(folder, e.TrainFeatures, e.TrainLabels, k, d);
            var train = NcMetrics.Compute(trainFeatures, trainLabels, k, d, classifier, AnalysisOptions);
            MetricReport? test = null;
            HeldOutCollapseReport? heldOut = null;
            if (e.TestFeatures is not null)
            {
                var (testFeatures, testLabels) = Load(folder, e.TestFeatures, e.TestLabels!, k, d);
                test = NcMetrics.Compute(testFeatures, testLabels, k, d, classifier, AnalysisOptions);
                heldOut = HeldOutCollapse.Compute(ClassStatisticsAccumulator.Of(trainFeatures, trainLabels, k, d, trackScatter: false), testFeatures, testLabels);
            }
            records.Add(new EpochRecord
            {
                Epoch = e.Epoch,
                LearningRate = double.NaN,
                BatchLoss = double.NaN,
                EpochSeconds = e.EpochSeconds ?? double.NaN,
                Train = train,
                Test = test,
                TestAgainstTrainMeans = heldOut,
            });
            classes = k;
        }
        return new RunAnalysis(manifest, records, SingleRunVerdicts.Judge(records, manifest.Source ?? ""));
    }

    /// <summary>Writes <c>epochs.csv</c>, <c>gamma.csv</c> and <c>claims.csv</c> of an analysis into <paramref name="outFolder"/>.</summary>
    public static void Write(string outFolder, RunAnalysis analysis)
    {
        EpochTable.Write(Path.Combine(outFolder, "epochs.csv"), analysis.Epochs);
        GammaTable.Write(Path.Combine(outFolder, "gamma.csv"), analysis.Epochs);
        ClaimTable.Write(Path.Combine(outFolder, "claims.csv"), analysis.Claims);
    }

    // gamma.csv needs the full class-pair margin matrix, so analyze-run asks for it at every K.
    private static readonly MetricOptions AnalysisOptions = new() { PairMargins = PairMarginMode.Matrix };

    private static (double[] Features, int[] Labels) Load(string folder, string featuresPath, string labelsPath, int k, int d)
    {
        var h = NpyReader.ReadMatrix(Resolve(folder, featuresPath));
        var y = NpyReader.ReadLabels(Resolve(folder, labelsPath));
        if (h.Columns != d) throw new InputException($"{featuresPath}: {h.Columns} feature columns, the classifier has d = {d}");
        InputValidation.CheckSameCount(h.Rows, y.Length, featuresPath, labelsPath);
        InputValidation.CheckLabels(y, k, labelsPath);
        InputValidation.CheckEveryClassPresent(InputValidation.CountClasses(y, k), labelsPath);
        InputValidation.CheckFinite(h.Data, d, 0, featuresPath);
        return (h.Data, y);
    }

    private static string Resolve(string folder, string relative)
    {
        var path = Path.IsPathRooted(relative) ? relative : Path.Combine(folder, relative);
        if (!File.Exists(path)) throw new InputException($"{path}: file listed in manifest.json not found");
        return path;
    }
}
