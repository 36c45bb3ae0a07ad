using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Models;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Label–vertex alignment of a fixed last layer: with the simplex ETF every permutation is equivalent at exact collapse
/// (paper-notes P4 [R]: train loss and margins cannot tell permutations apart), while a heterogeneous frame on a task with
/// heterogeneous class pairs can make test accuracy depend on the permutation — Gao et al. 2023's "non-conservative
/// generalization" (arXiv 2310.08358, abstract, Rem. 4.9 [V-review]; paper-notes P7 [R]). Checked with
/// <see cref="PermutationExperiment"/> and its one-way ANOVA (<see cref="PermutationAnalysis"/>) for both classifiers.
/// </summary>
public sealed class PermutationClaim : DeepClaim
{
    /// <inheritdoc />
    public override string Id => "deep-permutation-etf-vs-hetero";
    /// <inheritdoc />
    public override string Title => "Permuting a fixed ETF classifier does not change test accuracy; permuting a heterogeneous frame may";
    /// <inheritdoc />
    public override string Source => "Gao, Xu, Wen, Wu 2023, arXiv 2310.08358, abstract, §5.2/Fig. 4 and Rem. 4.9 [V-review] (non-conservative generalization); paper-notes P4, P7 [R]";
    /// <inheritdoc />
    public override string Statement =>
        "On a synthetic Gaussian task whose class pairs differ in difficulty (default gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero), an MLP with a fixed, "
        + "untrained last layer — the simplex ETF, and a heterogeneous frame (ETF directions, row norms 0.4…1.6) — is trained under `permutations` label "
        + "permutations (the first the identity) × `seeds` seeds (the same seeds for every permutation). One-way ANOVA of the final test accuracy grouped by "
        + "permutation, F-test and Monte-Carlo permutation test (B = 9999): an effect is significant when both p < 0.05. Fails when the ETF shows a "
        + "significant effect (P4 predicts none); holds when the ETF shows none and the heterogeneous frame does; inconclusive otherwise "
        + "(no detectable effect is not evidence of absence).";
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } =
        new Dictionary<string, string>(TrainingDefaults(trainPerClass: 0, testPerClass: 0, width: 64, depth: 2, epochs: 150, lrMilestones: "100", batchSize: 50))
        {
            ["dataset"] = "gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero", ["permutations"] = "6", ["seeds"] = "4",
            ["permutationSeedBase"] = "1000", ["classifierScale"] = "1",
        };

    /// <inheritdoc />
    public override ClaimEvidence CheckWithEvidence(ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = LoadData(context, context.Raw(this, "dataset"));
        var analyses = PermutationExperiment.Run(data, Training(context), [FixedClassifierKind.Etf, FixedClassifierKind.Heterogeneous],
            context.GetInt(this, "permutations"), Seeds(context, minimum: 2), context.GetInt(this, "permutationSeedBase"),
            context.GetDouble(this, "classifierScale"), outFolder: null);
        var etf = analyses[0];
        var hetero = analyses[1];
        var verdict = Judge(etf, hetero);
        var cells = etf.Cells.Concat(hetero.Cells).ToList();
        var interpolated = cells.Count(c => c.TrainAccuracy == 1.0);
        var detail = $"{data.Name}: {etf.Claim.Detail}; {hetero.Claim.Detail}; {interpolated}/{cells.Count} trainings ended at 100% train accuracy"
                     + $" ({F(cells.Sum(c => c.Seconds))} s of training).";
        var result = new ClaimResult(Id, Effective(context), hetero.Anova.PValue, PermutationAnalysis.Alpha, 0.0, verdict, context.Seed, detail);
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
