using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Models;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Claims;

/// <summary>
/// Non-conservative generalization (Gao, Xu, Yang, Wen, Shao, Yang, Ghanem, Huang 2023, arXiv 2310.08358, abstract):
/// with a fixed simplex-ETF last layer every label↔vertex alignment is equivalent for training, yet different
/// alignments give different test accuracy. Checked with <see cref="PermutationExperiment"/> and its one-way ANOVA
/// (<see cref="PermutationAnalysis"/>) for the ETF; a heterogeneous frame is trained alongside as a control (a frame
/// whose alignments are not equivalent even for training) and reported, not judged. A significant effect of at least
/// minEffect holds; an effect bounded below minEffect (a simultaneous confidence bound) fails; anything else is
/// "not reproduced" (inconclusive: no detectable effect is not evidence of absence).
/// </summary>
public sealed class PermutationClaim : DeepClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("deep-permutation-etf-vs-hetero", ClaimKind.Empirical)
    {
        Title = "Permuting the label↔ETF alignment of a fixed ETF classifier changes test accuracy (non-conservative generalization); heterogeneous frame as control",
        Statement =
            "On a synthetic Gaussian task whose class pairs differ in difficulty (default gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero), an MLP with a fixed, "
            + "untrained simplex-ETF last layer is trained under `permutations` label permutations (the first the identity) × `seeds` seeds (the same seeds for "
            + "every permutation). The prediction of Gao et al. 2023: the permutations change the final test accuracy beyond the seed noise. One-way ANOVA of the "
            + "test accuracy grouped by permutation, F-test and Monte-Carlo permutation test (B = 9999). Effect D = largest minus smallest per-permutation mean; "
            + "its upper bound D⁺ = max(mean + h) − min(mean − h), h = t(1 − α/(2P), N − P)·√(MS_within/seeds) (Bonferroni, simultaneous level 1 − α, α = 0.05). "
            + "Holds when both tests give p < α and D ≥ minEffect; fails when D⁺ < minEffect (the permutations provably change test accuracy by less than "
            + "minEffect); otherwise NOT REPRODUCED (inconclusive). The same experiment with a heterogeneous frame (ETF directions, row norms 0.4…1.6) is "
            + "reported as a control and does not enter the verdict.",
        Source = "Gao, Xu, Yang, Wen, Shao, Yang, Ghanem, Huang 2023 (arXiv 2310.08358), abstract: non-conservative generalization (label–ETF alignments that are equivalent for training "
            + "change test performance); the F-test form, the effect bound and minEffect are ours (empirical)",
        References = ["gao2023", "gao2023reviews"],
        Parameters =
        [
            .. TrainingParameters(trainPerClass: 0, testPerClass: 0, width: 64, depth: 2, epochs: 150, lrMilestones: "100", batchSize: 50),
            ClaimParameter.Text("dataset", "gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero", "dataset (a --dataset value)"),
            ClaimParameter.Int("permutations", 6, "label permutations (the first the identity)", min: 2, max: 100000),
            ClaimParameter.Int("seeds", 4, "seeds per permutation (the same for every permutation)", min: 2, max: 1000),
            ClaimParameter.Int("permutationSeedBase", 1000, "seed of the random permutations"),
            ClaimParameter.Real("classifierScale", 1, "scale of the fixed last layer", min: 1e-300),
            ClaimParameter.Real("minEffect", 0.01, "smallest change of test accuracy between permutations (D) that counts as an effect (our choice, not the paper's): 0.01 = the statement; "
                + "0.5, a 50-point effect, is a deliberately false size (falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("fifty-point-permutation-effect", "the claim that permuting the ETF alignment changes test accuracy by at least 0.5 (50 points): a false size of the effect, which the "
                + "bound D⁺ must reject", ("minEffect", "0.5")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = LoadData(p, p.Text("dataset"));
        var analyses = PermutationExperiment.Run(data, Training(p), [FixedClassifierKind.Etf, FixedClassifierKind.Heterogeneous],
            p.Int("permutations"), Seeds(p, context), p.Int("permutationSeedBase"), p.Real("classifierScale"), outFolder: null);
        var etf = analyses[0];
        var hetero = analyses[1];
        var minEffect = p.Real("minEffect");
        var effect = Effect(etf);
        var verdict = Judge(etf, minEffect);
        var cells = etf.Cells.Concat(hetero.Cells).ToList();
        var interpolated = cells.Count(c => c.TrainAccuracy == 1.0);
        var control = Effect(hetero);
        var why = verdict switch
        {
            Verdict.Holds => $"HOLDS: the ETF permutations change test accuracy beyond the seed noise, by D = {F(effect.Largest)} ≥ minEffect {F(minEffect)}",
            Verdict.Fails => $"FAILS: the ETF permutations change test accuracy by at most D⁺ = {F(effect.Upper)} < minEffect {F(minEffect)} (D = {F(effect.Largest)})",
            _ => etf.Claim.Verdict == Verdict.Holds
                ? $"NOT REPRODUCED: a significant ETF permutation effect, but D = {F(effect.Largest)} < minEffect {F(minEffect)} (D⁺ = {F(effect.Upper)})"
                : $"NOT REPRODUCED: no ETF permutation effect detectable beyond the seed noise (D = {F(effect.Largest)}, bound D⁺ = {F(effect.Upper)} ≥ minEffect {F(minEffect)}: "
                  + "absence not shown either)",
        };
        var detail = $"{data.Name}: {why}. {etf.Claim.Detail}. Control, {hetero.Claim.Detail}, D = {F(control.Largest)} "
                     + $"({(hetero.Claim.Verdict == Verdict.Holds ? "significant" : "not significant")}); {interpolated}/{cells.Count} trainings ended at 100% train accuracy"
                     + $" ({F(cells.Sum(c => c.Seconds))} s of training).";
        var result = new ClaimResult(Info.Id, Effective(p, context), effect.Largest, minEffect, 0.0, verdict, context.Seed, detail);
        return new ClaimEvidence(result) { Plots = [Plot(etf, hetero)] };
    }

    /// <summary>
    /// The permutation effect of one analysis: D = largest − smallest per-permutation mean test accuracy, and its upper
    /// bound D⁺ = max(mean_p + h_p) − min(mean_p − h_p) with h_p = t(1 − α/(2P), N − P)·√(MS_within/n_p), from
    /// Bonferroni-simultaneous Student-t intervals of the P means at level 1 − α (α = <see cref="PermutationAnalysis.Alpha"/>).
    /// </summary>
    public static (double Largest, double Upper) Effect(PermutationAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var groups = analysis.Cells.GroupBy(c => c.PermutationIndex).Select(g => g.Select(c => c.TestAccuracy).ToList()).ToList();
        var n = groups.Sum(g => g.Count);
        var df = n - groups.Count;
        if (groups.Count < 2 || df < 1) return (double.NaN, double.NaN);
        var means = groups.Select(g => g.Average()).ToList();
        var ssWithin = groups.Select((g, i) => g.Sum(v => (v - means[i]) * (v - means[i]))).Sum();
        var msWithin = ssWithin / df;
        var q = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 1 - PermutationAnalysis.Alpha / (2.0 * groups.Count));
        var half = groups.Select(g => q * Math.Sqrt(msWithin / g.Count)).ToList();
        var upper = means.Select((m, i) => m + half[i]).Max() - means.Select((m, i) => m - half[i]).Min();
        return (means.Max() - means.Min(), upper);
    }

    /// <summary>
    /// The verdict from the ETF analysis: holds when its permutation effect is significant (<see cref="PermutationAnalysis"/>'s
    /// F-test and permutation test) and D ≥ <paramref name="minEffect"/>; fails when the bound D⁺ &lt; <paramref name="minEffect"/>;
    /// inconclusive ("not reproduced") otherwise.
    /// </summary>
    public static Verdict Judge(PermutationAnalysis etf, double minEffect)
    {
        ArgumentNullException.ThrowIfNull(etf);
        var (largest, upper) = Effect(etf);
        if (upper < minEffect) return Verdict.Fails;
        return etf.Claim.Verdict == Verdict.Holds && largest >= minEffect ? Verdict.Holds : Verdict.Inconclusive;
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
