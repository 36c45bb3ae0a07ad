using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;
using Collapse.Cli.Infrastructure;
using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse deep permutations</c>: fixed-classifier training under P label permutations × S seeds, for the simplex
/// ETF and/or a heterogeneous frame; prints the spread across permutations against the spread across seeds, the
/// one-way ANOVA F-test, a permutation-test p-value and effect sizes; writes the plot data as CSV. The trainings run in
/// child processes (docs/deep-validation.md "Native faults"); one killed twice makes the verdict INCONCLUSIVE (exit 0).
/// </summary>
public static class DeepPermutationsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var flags = new DeepFlags();
        var permutations = new Option<int>("--permutations") { Description = "number of label permutations P (the first is the identity)", DefaultValueFactory = _ => 6 };
        var seeds = new Option<int>("--seeds") { Description = "training seeds S per permutation (seeds --seed … --seed+S−1)", DefaultValueFactory = _ => 3 };
        var classifier = new Option<string>("--classifier") { Description = "fixed classifier: etf | hetero | both", DefaultValueFactory = _ => "both" };
        var permutationSeed = new Option<int>("--permutation-seed") { Description = "base seed of the random permutations (permutation p uses base + p)", DefaultValueFactory = _ => 1000 };
        var scale = new Option<double>("--etf-scale") { Description = "row scale of the fixed classifier", DefaultValueFactory = _ => 1.0 };
        var command = new Command("permutations", "Does the label permutation of a fixed (ETF or heterogeneous) classifier change test accuracy beyond seed noise?");
        flags.AddTo(command);
        foreach (var o in new Option[] { permutations, seeds, classifier, permutationSeed, scale }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var json = parse.GetValue(flags.Json);
            var p = parse.GetValue(permutations);
            var s = parse.GetValue(seeds);
            if (p < 2) throw new InputException($"--permutations {p}: at least 2 are needed");
            if (s < 2) throw new InputException($"--seeds {s}: at least 2 are needed");
            var kinds = DeepFlags.ParseClassifiers(parse.GetValue(classifier)!, allowBoth: true);
            var etfScale = DeepFlags.EtfScale(parse.GetValue(scale));
            var options = flags.Options(parse);
            var data = flags.LoadData(parse);
            var first = parse.GetValue(flags.Seed);
            var outDir = parse.GetValue(flags.Out) is { } o ? OutputGuard.Track(o) : null;
            var runner = ChildTrainings.Runner(parse.GetValue(flags.Threads), line => parse.InvocationConfiguration.Error.WriteLine($"warning: {line}"));
            IReadOnlyList<PermutationAnalysis> analyses;
            try
            {
                analyses = PermutationExperiment.Run(data, options, kinds, p, Enumerable.Range(first, s).ToList(),
                    parse.GetValue(permutationSeed), etfScale, outDir, json ? null : output.WriteLine, runner);
            }
            catch (TrainingCrashedException crash)
            {
                // A native fault killed one training twice: no verdict, but not a failure of the command.
                var claim = new { claimId = PermutationAnalysis.ClaimId, verdict = Verdict.Inconclusive.Word(), detail = crash.Message };
                output.WriteLine(json ? JsonOutput.Serialize(new[] { new { classifier = (string?)null, claim } })
                    : $"{Verdict.Inconclusive.Label()}  {PermutationAnalysis.ClaimId}: {crash.Message}");
                return 0;
            }
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(analyses.Select(a => new
                {
                    classifier = a.Classifier,
                    anova = a.Anova,
                    claim = DeepTptCommand.ClaimJson(a.Claim),
                    cells = a.Cells,
                }), JsonOutput.Options));
            }
            else
            {
                output.WriteLine();
                output.WriteLine("classifier  mean test acc  sd(permutation means)  pooled sd(seeds)  F(df1,df2)          p(F)      p(perm)   eta^2   omega^2");
                foreach (var a in analyses)
                {
                    var v = a.Anova;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{a.Classifier,-10}  {v.GrandMean,13:F4}  {v.SdBetweenGroupMeans,21:G3}  {v.SdWithinPooled,16:G3}  F({v.DfBetween},{v.DfWithin}) = {v.F,-8:G4}  "
                            + $"{v.PValue,8:G3}  {v.PermutationPValue,8:G3}  {v.EtaSquared,6:G3}  {v.OmegaSquared,7:G3}"));
                }
                foreach (var a in analyses)
                    output.WriteLine($"{DeepTptCommand.Verdict(a.Claim)}  {a.Claim.ClaimId} ({a.Classifier}): {a.Claim.Detail}");
                if (parse.GetValue(flags.Out) is string dir)
                    output.WriteLine($"plot data: {Path.Combine(dir, "permutations.csv")} (one row per training), {Path.Combine(dir, "permutation-summary.csv")}");
            }
            return 0;
        });
        return command;
    }
}
