using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.IO;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.Cli.Infrastructure;
using Collapse.Theory;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse deep train</c>: trains one network and writes <c>epochs.csv</c> (per-epoch losses, accuracies, NC
/// metrics on train and test features, margins, γ_kl summary, wall time), <c>gamma.csv</c>, <c>claims.csv</c>, <c>run.json</c> and, for
/// <c>--export-epochs</c>, a run folder of .npy features and classifiers under <c>DIR/export/</c>.
/// </summary>
public static class DeepTrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var flags = new DeepFlags();
        var fixedEtf = new Option<bool>("--fixed-etf") { Description = "fix the last layer to a simplex ETF (no bias, not trained, no weight decay)" };
        var fixedKind = new Option<string?>("--fixed-classifier") { Description = "fix the last layer to: etf | hetero (heterogeneous non-ETF frame)" };
        var permutationSeed = new Option<int?>("--permutation-seed") { Description = "label permutation π of the fixed classifier (seeded random; omitted = identity)" };
        var rotationSeed = new Option<int?>("--rotation-seed") { Description = "Haar-random rotation R of the fixed classifier (omitted = none)" };
        var scale = new Option<double>("--etf-scale") { Description = "row scale of the fixed classifier", DefaultValueFactory = _ => 1.0 };
        var measureEvery = new Option<int>("--measure-every") { Description = "measure every N epochs (first and last always); 0 = last only", DefaultValueFactory = _ => 1 };
        var exportEpochs = new Option<string?>("--export-epochs") { Description = "comma-separated epochs whose features/classifier are exported as .npy to DIR/export" };
        var command = new Command("train", "Train one network and write per-epoch NC metrics to DIR/epochs.csv.");
        flags.AddTo(command);
        flags.AddSvmEvery(command);
        foreach (var o in new Option[] { fixedEtf, fixedKind, permutationSeed, rotationSeed, scale, measureEvery, exportEpochs }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var outDir = OutputGuard.Track(parse.GetValue(flags.Out) ?? throw new InputException("--out: an output folder is required"));
            var json = parse.GetValue(flags.Json);
            var options = flags.Options(parse);
            var etfScale = DeepFlags.EtfScale(parse.GetValue(scale));
            FixedClassifier? fixedClassifier = null;
            var kindText = parse.GetValue(fixedKind);
            if (parse.GetValue(fixedEtf) || kindText is not null)
            {
                var kind = kindText is null ? FixedClassifierKind.Etf : DeepFlags.ParseClassifiers(kindText, allowBoth: false, "--fixed-classifier")[0];
                fixedClassifier = new FixedClassifier(kind, parse.GetValue(permutationSeed), parse.GetValue(rotationSeed), etfScale);
            }
            else if (parse.GetValue(permutationSeed) is not null || parse.GetValue(rotationSeed) is not null)
            {
                throw new InputException("--permutation-seed/--rotation-seed: only meaningful with --fixed-etf or --fixed-classifier");
            }
            options = options with
            {
                FixedClassifier = fixedClassifier,
                MeasureEvery = parse.GetValue(measureEvery),
                SvmEvery = parse.GetValue(flags.SvmEvery),
                ExportEpochs = DeepFlags.ParseIntList(parse.GetValue(exportEpochs), "--export-epochs"),
            };
            options.Validate();
            var data = flags.LoadData(parse);
            var outcome = TrainingRun.Run(data, options, outDir, start =>
            {
                if (!json) output.WriteLine(Header(data, options, start));
            }, r =>
            {
                if (json || r.Train is null) return;
                output.WriteLine(EpochLine(r));
            });
            var result = outcome.Result;
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(outcome.Summary, JsonOutput.Options));
            }
            else
            {
                output.WriteLine(result.InterpolationEpoch is int t0
                    ? $"100% train accuracy first at epoch {t0}; trained {result.Epochs.Count - t0} epochs past it"
                    : "train accuracy never reached 100%");
                output.WriteLine($"wrote {Path.Combine(outDir, "epochs.csv")}, gamma.csv, claims.csv, run.json{(outcome.Exported ? ", export/manifest.json" : "")}");
                output.WriteLine(RunReportCommand.Hint(outDir));
            }
            return 0;
        });
        return command;
    }

    /// <summary>"DATASET: N train / M test samples, K = …; MODEL (d = …)[, fixed … classifier π = […]]".</summary>
    private static string Header(DataSplit data, TrainingOptions options, TrainingRunStart start)
    {
        var fixedText = start.FixedClassifier is not { } kind ? ""
            : $", fixed {PermutationExperiment.KindName(kind)} classifier π = [{string.Join(" ", start.Permutation!)}]";
        return string.Create(CultureInfo.InvariantCulture,
            $"{data.Name}: {data.Train.Count} train / {data.Test.Count} test samples, K = {data.Classes}; "
                + $"{options.Model.Kind.ToString().ToLowerInvariant()} (d = {options.Model.FeatureDimension}){fixedText}");
    }

    /// <summary>One line per measured epoch: losses, accuracies, nc1, nc1TraceRatio, p_min, SVM distance, timings.</summary>
    private static string EpochLine(EpochRecord r) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,4}  trainLoss {r.TrainLoss,10:G4}  trainAcc {r.TrainAccuracy:F4}  testAcc "
            + $"{(r.TestAccuracy is double t ? t.ToString("F4", CultureInfo.InvariantCulture) : "-")}  nc1 {r.Train!.Nc1,9:G4}  nc1TraceRatio "
                + $"{r.Train.Nc1TraceRatio,9:G4}  p_min {r.Train.Margins?.MinMargin,9:G4}{(r.SvmDistance is double sd ? $"  svmDistance {sd:G4}" : "")}  "
                    + $"({r.EpochSeconds:F2} s + {r.MeasureSeconds:F2} s{(r.SvmSeconds > 0 ? $" + svm {r.SvmSeconds:F2} s" : "")})");
}
