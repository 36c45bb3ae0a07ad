using System.Text.Json;
using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// Writes the files of one training run into its output folder: <c>epochs.csv</c>, <c>gamma.csv</c>, <c>claims.csv</c>
/// (the single-run verdicts, <see cref="SingleRunVerdicts"/>), <c>run.json</c>.
/// </summary>
public static class RunOutput
{
    /// <summary>Writes the run's tables and a JSON description of its options and outcome.</summary>
    public static void Write(string folder, string dataset, TrainingOptions options, TrainingResult result)
    {
        Directory.CreateDirectory(folder);
        EpochTable.Write(Path.Combine(folder, "epochs.csv"), result.Epochs);
        GammaTable.Write(Path.Combine(folder, "gamma.csv"), result.Epochs);
        ClaimTable.Write(Path.Combine(folder, "claims.csv"), SingleRunVerdicts.Judge(result.Epochs, $"collapse deep train --dataset {dataset}"));
        var last = result.LastMeasured;
        var info = new
        {
            dataset,
            model = options.Model.Kind.ToString().ToLowerInvariant(),
            width = options.Model.Width,
            depth = options.Model.Depth,
            featureDim = result.FeatureDimension,
            classes = result.Classes,
            epochs = result.Epochs.Count,
            maxEpochs = options.Epochs,
            tptEpochs = options.EpochsAfterInterpolation,
            batchSize = options.BatchSize,
            learningRate = options.LearningRate,
            momentum = options.Momentum,
            weightDecay = options.WeightDecay,
            learningRateMilestones = options.LearningRateMilestones,
            learningRateDecay = options.LearningRateDecay,
            fixedClassifier = options.FixedClassifier is null ? null : options.FixedClassifier.Kind.ToString().ToLowerInvariant(),
            permutationSeed = options.FixedClassifier?.PermutationSeed,
            rotationSeed = options.FixedClassifier?.RotationSeed,
            classifierScale = options.FixedClassifier?.Scale,
            permutation = result.Permutation,
            seed = options.Seed,
            device = options.Device,
            interpolationEpoch = result.InterpolationEpoch,
            finalTrainAccuracy = last.TrainAccuracy,
            finalTestAccuracy = last.TestAccuracy,
            finalTrainNc1 = last.Train?.Nc1,
            meanEpochSeconds = result.Epochs.Average(e => e.EpochSeconds),
            svmEvery = options.SvmEvery,
            finalSvmDistance = last.SvmDistance,
        };
        var path = Path.Combine(folder, "run.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(info, RunManifest.JsonOptions));
    }
}
