using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Models;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Label–vertex alignment of a fixed last layer: with the simplex ETF every permutation is equivalent at exact collapse
/// (derived: train loss and margins cannot tell permutations apart), while a heterogeneous frame on a task with
/// heterogeneous class pairs can make test accuracy depend on the permutation — Gao et al. 2023's "non-conservative
/// generalization" (arXiv 2310.08358, abstract). Checked with
/// <see cref="PermutationExperiment"/> and its one-way ANOVA (<see cref="PermutationAnalysis"/>) for both classifiers.
/// </summary>
public sealed class PermutationClaim : DeepClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("deep-permutation-etf-vs-hetero", ClaimKind.Empirical)
    {
        Title = "Permuting a fixed ETF classifier does not change test accuracy; permuting a heterogeneous frame may",
        Statement =
            "On a synthetic Gaussian task whose class pairs differ in difficulty (default gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero), an MLP with a fixed, "
            + "untrained last layer — the simplex ETF, and a heterogeneous frame (ETF directions, row norms 0.4…1.6) — is trained under `permutations` label "
            + "permutations (the first the identity) × `seeds` seeds (the same seeds for every permutation). One-way ANOVA of the final test accuracy grouped by "
            + "permutation, F-test and Monte-Carlo permutation test (B = 9999): an effect is significant when both p < 0.05. Fails when the ETF shows a "
            + "significant effect (P4 predicts none); holds when the ETF shows none and the heterogeneous frame does; inconclusive otherwise "
            + "(no detectable effect is not evidence of absence).",
        Source = "Gao, Xu, Yang, Wen, Shao, Yang, Ghanem, Huang 2023 (arXiv 2310.08358), abstract: non-conservative generalization (label–ETF alignments change test performance); "
            + "the train-side symmetry at exact collapse is derived [reconstructed] (empirical)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            .. TrainingParameters(trainPerClass: 0, testPerClass: 0, width: 64, depth: 2, epochs: 150, lrMilestones: "100", batchSize: 50),
            ClaimParameter.Text("dataset", "gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero", "dataset (a --dataset value)"),
            ClaimParameter.Int("permutations", 6, "label permutations (the first the identity)", min: 2, max: 100000),
            ClaimParameter.Int("seeds", 4, "seeds per permutation (the same for every permutation)", min: 2, max: 1000),
            ClaimParameter.Int("permutationSeedBase", 1000, "seed of the random permutations"),
            ClaimParameter.Real("classifierScale", 1, "scale of the fixed last layer", min: 1e-300),
            ClaimParameter.Text("etfSlot", "etf", "the classifier judged as 'the ETF': etf (the statement) or heterogeneous, the heterogeneous frame in both slots (broken input, "
                + "falsifier)", "etf", "heterogeneous"),
        ],
        Falsifiers =
        [
            Falsifier.Of("heterogeneous-frame-as-etf", "the heterogeneous frame in place of the ETF (its permutation effect must then make the claim fail)", ("etfSlot", "heterogeneous")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = LoadData(p, p.Text("dataset"));
        var first = p.Text("etfSlot") == "heterogeneous" ? FixedClassifierKind.Heterogeneous : FixedClassifierKind.Etf;
        var analyses = PermutationExperiment.Run(data, Training(p), [first, FixedClassifierKind.Heterogeneous],
            p.Int("permutations"), Seeds(p, context), p.Int("permutationSeedBase"), p.Real("classifierScale"), outFolder: null);
        var etf = analyses[0];
        var hetero = analyses[1];
        var verdict = Judge(etf, hetero);
        var cells = etf.Cells.Concat(hetero.Cells).ToList();
        var interpolated = cells.Count(c => c.TrainAccuracy == 1.0);
        var detail = $"{data.Name}: {etf.Claim.Detail}; {hetero.Claim.Detail}; {interpolated}/{cells.Count} trainings ended at 100% train accuracy"
                     + $" ({F(cells.Sum(c => c.Seconds))} s of training).";
        var result = new ClaimResult(Info.Id, Effective(p, context), hetero.Anova.PValue, PermutationAnalysis.Alpha, 0.0, verdict, context.Seed, detail);
        return new ClaimEvidence(result) { Plots = [Plot(etf, hetero)] };
    }

    /// <summary>
    /// The verdict from the two analyses: fails when the ETF's permutation effect is significant, holds when only the
    /// heterogeneous frame's is, inconclusive otherwise (significant = <see cref="PermutationAnalysis"/>'s claim holds).
    /// </summary>
    public static Verdict Judge(PermutationAnalysis etf, PermutationAnalysis hetero)
    {
        ArgumentNullException.ThrowIfNull(etf);
        ArgumentNullException.ThrowIfNull(hetero);
        if (etf.Claim.Verdict == Verdict.Holds) return Verdict.Fails;
        return hetero.Claim.Verdict == Verdict.Holds ? Verdict.Holds : Verdict.Inconclusive;
    }

    private static PlotSpec Plot(PermutationAnalysis etf, PermutationAnalysis hetero)
    {
        var series = new List<PlotSeries>();
        foreach (var (analysis, offset) in new[] { (etf, -0.1), (hetero, 0.1) })
        {
            series.Add(DeepPlots.Points($"{analysis.Classifier} (one point per seed)",
                analysis.Cells.Select(c => (c.PermutationIndex + offset, c.TestAccuracy))));
            series.Add(DeepPlots.Points($"{analysis.Classifier} mean over seeds",
                analysis.Cells.GroupBy(c => c.PermutationIndex).OrderBy(g => g.Key).Select(g => (g.Key + offset, g.Average(c => c.TestAccuracy))),
                style: SeriesStyle.Line));
        }
        return new PlotSpec("Test accuracy per label permutation of the fixed classifier", "permutation index (0 = identity)", "test accuracy", false, false,
            DeepPlots.NonEmpty(series))
        {
            Caption = $"Spread across permutations vs across seeds: ETF F = {F(etf.Anova.F)}, p = {F(etf.Anova.PValue)}; "
                      + $"heterogeneous F = {F(hetero.Anova.F)}, p = {F(hetero.Anova.PValue)} (points offset ±0.1 for legibility).",
        };
    }
}
