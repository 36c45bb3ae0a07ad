using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// One training run into its output folder (the library side of <c>collapse deep train</c>): checks the architecture
/// against the data and the fixed classifier against K and d, trains (<see cref="DeepTrainer"/>), exports the features
/// of <see cref="TrainingOptions.ExportEpochs"/> as a run folder under DIR/export, and writes epochs.csv, gamma.csv,
/// claims.csv and run.json (<see cref="RunOutput"/>).
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Runs <paramref name="options"/> (validated by the caller) on <paramref name="data"/> into
    /// <paramref name="outputDirectory"/>. <paramref name="started"/> is called once the checks have passed, before the
    /// first epoch; <paramref name="onEpoch"/> sees each epoch record as soon as it exists.
    /// </summary>
    /// <exception cref="Theory.InputException">The architecture does not fit the data, or the fixed classifier does not fit K and d.</exception>
    public static TrainingRunOutcome Run(DataSplit data, TrainingOptions options, string outputDirectory, Action<TrainingRunStart>? started = null,
        Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        DeepNetwork.CheckArchitecture(options.Model, data.Train.SampleShape);
        var fixedClassifier = options.FixedClassifier;
        if (fixedClassifier is not null) fixedClassifier.Build(data.Classes, options.Model.FeatureDimension);
        var exporter = options.ExportEpochs.Count > 0 ? new RunFolderWriter(Path.Combine(outputDirectory, "export"), $"collapse deep train --dataset {data.Name} --model "
            + $"{options.Model.Kind.ToString().ToLowerInvariant()}") : null;
        started?.Invoke(new TrainingRunStart(fixedClassifier?.Kind, fixedClassifier?.Permutation(data.Classes)));
        var result = DeepTrainer.Train(data, options, exporter, onEpoch);
        RunOutput.Write(outputDirectory, data.Name, options, result);
        var last = result.LastMeasured;
        var summary = new TrainingRunSummary(
            data.Name,
            result.Epochs.Count,
            result.InterpolationEpoch,
            last.TrainAccuracy,
            last.TestAccuracy,
            last.TrainLoss,
            last.Train?.Nc1,
            last.Train?.Margins?.MinMargin,
            result.Epochs.Average(e => e.EpochSeconds),
            Path.GetFullPath(outputDirectory));
        return new TrainingRunOutcome(result, summary, exporter is not null);
    }
}
