using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.IO;
using Collapse.Cli.Infrastructure;
using Collapse.DeepValidation.Import;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse analyze-run DIR</c>: measures a run folder of per-epoch .npy features and classifiers (written by
/// tools/export_run.py from a PyTorch training, or by <c>collapse deep train --export-epochs</c>) and writes the same
/// <c>epochs.csv</c> as a TorchSharp run, <c>gamma.csv</c> and <c>claims.csv</c>; prints the claim verdicts.
/// Exit 1 when a claim is falsified.
/// </summary>
public static class AnalyzeRunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "run folder with manifest.json" };
        var outDir = new Option<string?>("--out") { Description = "where to write epochs.csv, gamma.csv, claims.csv (default: the run folder)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var command = new Command("analyze-run", "Measure NC metrics, margins and claim verdicts of a run folder exported from PyTorch (tools/export_run.py).");
        command.Arguments.Add(folder);
        command.Options.Add(outDir);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(folder)!;
            var analysis = RunAnalyzer.Analyze(dir);
            var target = OutputGuard.Track(parse.GetValue(outDir) ?? dir);
            RunAnalyzer.Write(target, analysis);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    source = analysis.Manifest.Source,
                    classes = analysis.Manifest.Classes,
                    featureDim = analysis.Manifest.FeatureDim,
                    epochs = analysis.Epochs.Select(e => new
                    {
                        epoch = e.Epoch,
                        trainLoss = e.TrainLoss,
                        trainAccuracy = e.TrainAccuracy,
                        testAccuracy = e.TestAccuracy,
                        trainNc1 = e.Train?.Nc1,
                        trainNc1TraceRatio = e.Train?.Nc1TraceRatio,
                        trainMinMargin = e.Train?.Margins?.MinMargin,
                    }),
                    claims = analysis.Claims.Select(DeepTptCommand.ClaimJson),
                    output = Path.GetFullPath(target),
                }, JsonOutput.Options));
            }
            else
            {
                output.WriteLine($"{analysis.Manifest.Source ?? dir}: K = {analysis.Manifest.Classes}, d = {analysis.Manifest.FeatureDim}, {analysis.Epochs.Count} epochs");
                foreach (var e in analysis.Epochs)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {e.Epoch,4}  trainLoss {e.TrainLoss,10:G4}  trainAcc {e.TrainAccuracy:F4}  testAcc "
                            + $"{(e.TestAccuracy is double t ? t.ToString("F4", CultureInfo.InvariantCulture) : "-")}  nc1 {e.Train?.Nc1,9:G4}  nc1TraceRatio "
                                + $"{e.Train?.Nc1TraceRatio,9:G4}  p_min {e.Train?.Margins?.MinMargin,9:G4}"));
                foreach (var c in analysis.Claims)
                    output.WriteLine($"{DeepTptCommand.Verdict(c)}  {c.ClaimId}: {c.Detail}");
                output.WriteLine($"wrote {Path.Combine(target, "epochs.csv")}, gamma.csv, claims.csv");
                output.WriteLine(RunReportCommand.Hint(target));
            }
            return analysis.Claims.Any(c => c.Verdict == Verdict.Fails) ? 1 : 0;
        });
        return command;
    }
}
