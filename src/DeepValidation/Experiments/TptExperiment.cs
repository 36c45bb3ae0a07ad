using System.Globalization;
using System.Text;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.DeepValidation.Training;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Trains the same network with several seeds well past 100% train accuracy and judges whether test accuracy kept
/// improving and margins kept growing in the terminal phase (<see cref="TptVerdict"/>).
/// </summary>
public static class TptExperiment
{
    /// <summary>
    /// Runs one training per seed (<paramref name="options"/> with its seed replaced) with <paramref name="runner"/>
    /// (default <see cref="TrainingRunners.Default"/>). With an output folder, each run goes to <c>seed-S/</c>
    /// (<see cref="RunOutput"/>) as soon as it is done, and the per-seed summary to <c>tpt.csv</c>. A training killed
    /// twice by a native fault ends the experiment with <see cref="TrainingCrashedException"/>.
    /// </summary>
    public static TptVerdict Run(DataSplit data, TrainingOptions options, IReadOnlyList<int> seeds, string? outFolder,
        Action<string>? log = null, ITrainingRunner? runner = null)
    {
        if (seeds.Count == 0) throw new Collapse.Theory.InputException("--seeds: at least one seed is needed");
        var summaries = new List<TptRunSummary>();
        var jobs = seeds.Select(seed => options with { Seed = seed, MeasureTest = true }).ToList();
        (runner ?? TrainingRunners.Default).TrainAll(data, jobs, (i, result) =>
        {
            var seed = seeds[i];
            if (outFolder is not null) RunOutput.Write(Path.Combine(outFolder, $"seed-{seed}"), data.Name, jobs[i], result);
            var s = TptRunSummary.Of(seed, result.Epochs);
            summaries.Add(s);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: TPT start {(s.TptStartEpoch?.ToString(CultureInfo.InvariantCulture) ?? "never")}, test accuracy {s.TestAccuracyAtStart:F4} → "
                    + $"{s.TestAccuracyFinal:F4}, p_min {s.MinMarginAtStart:G4} → {s.MinMarginFinal:G4}"));
        });
        var parameters = new Dictionary<string, string>
        {
            ["dataset"] = data.Name,
            ["model"] = options.Model.Kind.ToString().ToLowerInvariant(),
            ["width"] = options.Model.Width.ToString(CultureInfo.InvariantCulture),
            ["depth"] = options.Model.Depth.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seeds"] = string.Join(",", seeds),
            ["fixedClassifier"] = options.FixedClassifier?.Kind.ToString().ToLowerInvariant() ?? "trained",
        };
        var verdict = TptVerdict.Judge(summaries, parameters);
        if (outFolder is not null) WriteSummary(Path.Combine(outFolder, "tpt.csv"), summaries);
        return verdict;
    }

    /// <summary>Writes the per-seed summaries (<c>seed,tptStartEpoch,finalEpoch,testAccuracyAtStart,…</c>).</summary>
    public static void WriteSummary(string path, IReadOnlyList<TptRunSummary> runs)
    {
        var sb = new StringBuilder("seed,tptStartEpoch,finalEpoch,testAccuracyAtStart,testAccuracyFinal,testAccuracyGain,"
            + "minMarginAtStart,minMarginFinal,normalizedMarginAtStart,normalizedMarginFinal,nc1AtStart,nc1Final\n");
        foreach (var r in runs)
        {
            sb.AppendJoin(',', new[]
            {
                r.Seed.ToString(CultureInfo.InvariantCulture), r.TptStartEpoch?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.FinalEpoch.ToString(CultureInfo.InvariantCulture), N(r.TestAccuracyAtStart), N(r.TestAccuracyFinal), N(r.TestAccuracyGain),
                N(r.MinMarginAtStart), N(r.MinMarginFinal), N(r.NormalizedMarginAtStart), N(r.NormalizedMarginFinal), N(r.Nc1AtStart), N(r.Nc1Final),
            }).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString(), createFolder: true);
    }

    private static string N(double v) => NumberFormat.Data(v);
}
