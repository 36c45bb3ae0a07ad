using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.IO;
using Collapse.DeepValidation.Experiments;
using Collapse.Cli.Infrastructure;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse deep tpt</c>: trains S seeds past 100% train accuracy and answers "did test accuracy keep improving
/// after the TPT start, and did margins grow?" with the mean change and its 95% interval over seeds.
/// Exit 0 when both claims hold, 1 when one fails, 0 with an "inconclusive" verdict otherwise (also when a training was
/// killed twice by a native fault: the trainings run in child processes, docs/deep-validation.md "Native faults").
/// </summary>
public static class DeepTptCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var flags = new DeepFlags();
        var seeds = new Option<int>("--seeds") { Description = "number of seeds S (seeds --seed … --seed+S−1)", DefaultValueFactory = _ => 3 };
        var fixedEtf = new Option<bool>("--fixed-etf") { Description = "train with the last layer fixed to a simplex ETF" };
        var command = new Command("tpt", "Terminal phase of training: did test accuracy keep improving after 100% train accuracy, did margins grow?");
        flags.AddTo(command);
        flags.AddSvmEvery(command);
        command.Options.Add(seeds);
        command.Options.Add(fixedEtf);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var json = parse.GetValue(flags.Json);
            var s = parse.GetValue(seeds);
            if (s < 1) throw new Collapse.Theory.InputException($"--seeds {s}: must be at least 1");
            var options = flags.Options(parse) with { SvmEvery = parse.GetValue(flags.SvmEvery) };
            options.Validate();
            if (parse.GetValue(fixedEtf)) options = options with { FixedClassifier = new FixedClassifier(FixedClassifierKind.Etf) };
            var data = flags.LoadData(parse);
            var first = parse.GetValue(flags.Seed);
            var seedList = Enumerable.Range(first, s).ToList();
            var outDir = parse.GetValue(flags.Out) is { } o ? OutputGuard.Track(o) : null;
            var runner = ChildTrainings.Runner(parse.GetValue(flags.Threads), line => parse.InvocationConfiguration.Error.WriteLine($"warning: {line}"));
            TptVerdict verdict;
            try
            {
                verdict = TptExperiment.Run(data, options, seedList, outDir, json ? null : output.WriteLine, runner);
            }
            catch (TrainingCrashedException crash)
            {
                // A native fault killed one training twice: no verdict, but not a failure of the command.
                var ids = new[] { TptVerdict.AccuracyClaimId, TptVerdict.MarginClaimId };
                var inconclusive = Collapse.Theory.Claims.Verdict.Inconclusive;
                if (json)
                    output.WriteLine(JsonOutput.Serialize(new { dataset = data.Name, claims = ids.Select(id => new { claimId = id, verdict = inconclusive.Word(), detail = crash.Message }) }));
                else foreach (var id in ids) output.WriteLine($"{inconclusive.Label()}  {id}: {crash.Message}");
                return 0;
            }
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    dataset = data.Name,
                    runs = verdict.Runs,
                    testAccuracyGain = verdict.TestAccuracyGain,
                    minMarginGrowth = verdict.MinMarginGrowth,
                    normalizedMarginGrowth = verdict.NormalizedMarginGrowth,
                    claims = new[] { ClaimJson(verdict.AccuracyClaim), ClaimJson(verdict.MarginClaim) },
                }, JsonOutput.Options));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Verdict(verdict.AccuracyClaim)}  {verdict.AccuracyClaim.ClaimId}: {verdict.AccuracyClaim.Detail}"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Verdict(verdict.MarginClaim)}  {verdict.MarginClaim.ClaimId}: {verdict.MarginClaim.Detail}"));
            }
            return verdict.AccuracyClaim.Verdict == Collapse.Theory.Claims.Verdict.Fails || verdict.MarginClaim.Verdict == Collapse.Theory.Claims.Verdict.Fails ? 1 : 0;
        });
        return command;
    }

    internal static object ClaimJson(ClaimResult c) => new
    {
        claimId = c.ClaimId,
        verdict = c.Verdict.Word(),
        measured = c.Measured,
        expected = c.Expected,
        tolerance = c.Tolerance,
        parameters = c.Parameters,
        seed = c.Seed,
        detail = c.Detail,
    };

    internal static string Verdict(ClaimResult c) => c.Verdict.Label();
}
