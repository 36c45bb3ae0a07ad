using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// Result of the permutation experiment for one fixed-classifier kind: test accuracy of P permutations × S seeds,
/// the spread across permutations against the spread across seeds, a one-way ANOVA over permutations (seeds as
/// replicates) and the claim verdict of "non-conservative generalisation" (Gao et al. 2023, arXiv 2310.08358,
/// abstract and Rem. 4.9 [V-review]): label–vertex alignment changes test accuracy although training reaches the
/// same optimum. The claim holds when both the F-test and the permutation test give p &lt; α; otherwise it is
/// inconclusive (absence of evidence is not evidence of absence) with the effect size reported.
/// </summary>
/// <param name="Classifier">Fixed classifier kind.</param>
/// <param name="Cells">All P × S trainings.</param>
/// <param name="Anova">ANOVA of test accuracy grouped by permutation.</param>
/// <param name="Claim">Claim verdict.</param>
public sealed record PermutationAnalysis(string Classifier, IReadOnlyList<PermutationCell> Cells, OneWayAnova Anova, ClaimResult Claim)
{
    /// <summary>Claim id.</summary>
    public const string ClaimId = "permutation-dependent-generalization";

    /// <summary>Significance level α.</summary>
    public const double Alpha = 0.05;

    /// <summary>Groups the cells by permutation and runs the ANOVA and the verdict.</summary>
    public static PermutationAnalysis Analyze(string classifier, IReadOnlyList<PermutationCell> cells,
        IReadOnlyDictionary<string, string> parameters, int permutationRounds = 9999, int seed = 1)
    {
        var groups = cells.GroupBy(c => c.PermutationIndex).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<double>)g.Select(c => c.TestAccuracy).ToList()).ToList();
        var anova = OneWayAnova.Compute(groups, permutationRounds, seed);
        var significant = anova.PValue < Alpha && anova.PermutationPValue < Alpha;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{classifier}: test accuracy {anova.GrandMean:F4}; sd across permutations (of per-permutation means) {anova.SdBetweenGroupMeans:G3} vs pooled sd across seeds "
                + $"{anova.SdWithinPooled:G3}; F({anova.DfBetween},{anova.DfWithin}) = {anova.F:G4}, p = {anova.PValue:G3}, permutation-test p = {anova.PermutationPValue:G3} (B = "
                    + $"{anova.PermutationRounds}); η² = {anova.EtaSquared:G3}, ω² = {anova.OmegaSquared:G3}");
        var p = new Dictionary<string, string>(parameters) { ["classifier"] = classifier };
        var claim = new ClaimResult(ClaimId, p, anova.PValue, Alpha, 0.0, significant ? Verdict.Holds : Verdict.Inconclusive, seed, detail);
        return new PermutationAnalysis(classifier, cells, anova, claim);
    }
}
