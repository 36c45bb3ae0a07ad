using System.Globalization;
using System.Text;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.DeepValidation.Training;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Fixed-classifier training under P label permutations × S seeds (a crossed design: every permutation is trained
/// with the same S seeds, so seed effects are shared across permutations). Permutation 0 is the identity, permutation
/// p &gt; 0 uses the permutation seed <c>permutationSeedBase + p</c>. Run for the simplex ETF (all vertices
/// equivalent: no permutation effect expected at exact collapse, claims collapsed-train-loss-alignment-invariant and
/// permuted-bounds-equal-at-etf [reconstructed]) and for a heterogeneous frame (non-equidistant vertices: an effect is
/// expected, claim permuted-bounds-vary [reconstructed]).
/// </summary>
public static class PermutationExperiment
{
    /// <summary>Runs the experiment; with an output folder writes <c>permutations.csv</c> (one row per training, the plot
    /// data) and <c>permutation-summary.csv</c> (one row per classifier and permutation).</summary>
    /// <param name="data">Task.</param>
    /// <param name="options">Training options; the fixed classifier and seed are replaced per cell.</param>
    /// <param name="classifiers">Fixed-classifier kinds to test.</param>
    /// <param name="permutations">P ≥ 2.</param>
    /// <param name="seeds">The S ≥ 2 training seeds.</param>
    /// <param name="permutationSeedBase">Base of the permutation seeds.</param>
    /// <param name="classifierScale">Row scale of the fixed classifier.</param>
    /// <param name="outFolder">Output folder or null.</param>
    /// <param name="log">Progress lines or null.</param>
    /// <param name="runner">Runs the P × S trainings of every classifier as one batch (default <see cref="TrainingRunners.Default"/>);
    /// a training killed twice by a native fault ends the experiment with <see cref="TrainingCrashedException"/>.</param>
    public static IReadOnlyList<PermutationAnalysis> Run(DataSplit data, TrainingOptions options, IReadOnlyList<FixedClassifierKind> classifiers,
        int permutations, IReadOnlyList<int> seeds, int permutationSeedBase, double classifierScale, string? outFolder, Action<string>? log = null,
        ITrainingRunner? runner = null)
    {
        if (permutations < 2) throw new Collapse.Theory.InputException($"--permutations {permutations}: at least 2 are needed for the ANOVA");
        if (seeds.Count < 2) throw new Collapse.Theory.InputException($"--seeds {seeds.Count}: at least 2 seeds per permutation are needed (replicates)");
        if (classifiers.Count == 0) throw new Collapse.Theory.InputException("--classifier: no classifier kind given");
        var analyses = new List<PermutationAnalysis>();
        var parameters = new Dictionary<string, string>
        {
            ["dataset"] = data.Name,
            ["model"] = options.Model.Kind.ToString().ToLowerInvariant(),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["permutations"] = permutations.ToString(CultureInfo.InvariantCulture),
            ["seeds"] = string.Join(",", seeds),
        };
        var design = new List<(FixedClassifierKind Kind, int Permutation, int? PermutationSeed, int Seed)>();
        foreach (var kind in classifiers)
            for (var p = 0; p < permutations; p++)
                foreach (var seed in seeds)
                    design.Add((kind, p, p == 0 ? null : permutationSeedBase + p, seed));
        var jobs = design.Select(c => options with
        {
            FixedClassifier = new FixedClassifier(c.Kind, c.PermutationSeed, null, classifierScale),
            Seed = c.Seed,
            MeasureEvery = 0,
            MeasureTest = true,
            ExportEpochs = [],
            SvmEvery = 0,
        }).ToList();
        var cells = new List<PermutationCell>();
        (runner ?? TrainingRunners.Default).TrainAll(data, jobs, (i, result) =>
        {
            var (kind, p, permSeed, seed) = design[i];
            var name = KindName(kind);
            var last = result.LastMeasured;
            var gamma = last.Train!.Margins is { } m ? GammaSummary.Of(m.ClassPair).CoefficientOfVariation : double.NaN;
            var cell = new PermutationCell(name, p, permSeed, jobs[i].FixedClassifier!.Permutation(data.Classes), seed,
                last.TrainAccuracy ?? double.NaN, last.TestAccuracy ?? double.NaN, last.TestLoss ?? double.NaN,
                last.Train.Margins?.MinMargin ?? double.NaN, last.Train.Margins?.NormalizedMargin ?? double.NaN,
                gamma, last.Train.Nc1 ?? double.NaN, result.WallSeconds)
            {
                RecomputedSteps = result.Epochs.Sum(e => e.RecomputedSteps),
            };
            cells.Add(cell);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{name} permutation {p} [{string.Join(" ", cell.Permutation)}] seed {seed}: train {cell.TrainAccuracy:F4} test {cell.TestAccuracy:F4} ({cell.Seconds:F1} s)"));
            if (i + 1 == jobs.Count || design[i + 1].Kind != kind)
            {
                // A classifier's cells are complete: analyse them and write the tables so far.
                analyses.Add(PermutationAnalysis.Analyze(name, cells.Where(c => c.Classifier == name).ToList(), parameters));
                if (outFolder is not null) WriteTables(outFolder, cells, analyses);
            }
        });
        return analyses;
    }

    /// <summary>The command-line name of a fixed-classifier kind.</summary>
    public static string KindName(FixedClassifierKind kind) => kind == FixedClassifierKind.Etf ? "etf" : "hetero";

    private static void WriteTables(string folder, IReadOnlyList<PermutationCell> cells, IReadOnlyList<PermutationAnalysis> analyses)
    {
        var sb = new StringBuilder("classifier,permutationIndex,permutationSeed,permutation,seed,trainAccuracy,testAccuracy,testLoss,minMargin,normalizedMargin,gammaCv,nc1,seconds,recomputedSteps\n");
        foreach (var c in cells)
            sb.AppendJoin(',', new[]
            {
                c.Classifier, I(c.PermutationIndex), c.PermutationSeed is int s ? I(s) : "", string.Join(' ', c.Permutation), I(c.Seed),
                R(c.TrainAccuracy), R(c.TestAccuracy), R(c.TestLoss), R(c.MinMargin), R(c.NormalizedMargin), R(c.GammaCv), R(c.Nc1), R(c.Seconds),
                I(c.RecomputedSteps),
            }).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, "permutations.csv"), sb.ToString(), createFolder: true);

        var summary = new StringBuilder("classifier,permutationIndex,permutation,seeds,meanTestAccuracy,sdTestAccuracy,minTestAccuracy,maxTestAccuracy\n");
        foreach (var a in analyses)
            foreach (var g in a.Cells.GroupBy(c => c.PermutationIndex).OrderBy(g => g.Key))
            {
                var acc = g.Select(c => c.TestAccuracy).ToList();
                var m = MeanWithUncertainty.Of(acc);
                summary.AppendJoin(',', new[]
                {
                    a.Classifier, I(g.Key), string.Join(' ', g.First().Permutation), I(acc.Count), R(m.Mean), R(m.StandardDeviation), R(acc.Min()), R(acc.Max()),
                }).Append('\n');
            }
        AtomicFile.WriteAllText(Path.Combine(folder, "permutation-summary.csv"), summary.ToString(), createFolder: true);
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double v) => NumberFormat.Data(v);
}
