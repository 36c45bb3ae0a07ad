namespace Collapse.DeepValidation.Experiments;

/// <summary>One training of the permutation experiment: fixed classifier kind, permutation, seed, and its outcome.</summary>
/// <param name="Classifier">Fixed classifier kind (<c>etf</c> or <c>hetero</c>).</param>
/// <param name="PermutationIndex">0-based index of the permutation (0 = identity).</param>
/// <param name="PermutationSeed">Seed that generated π (null for the identity).</param>
/// <param name="Permutation">π: class k gets vertex π(k).</param>
/// <param name="Seed">Training seed (initialisation and batch order).</param>
/// <param name="TrainAccuracy">Final train accuracy.</param>
/// <param name="TestAccuracy">Final test accuracy.</param>
/// <param name="TestLoss">Final test CE.</param>
/// <param name="MinMargin">Final train p_min.</param>
/// <param name="NormalizedMargin">Final train normalised margin.</param>
/// <param name="GammaCv">Coefficient of variation of the final train γ_kl.</param>
/// <param name="Nc1">Final train nc1.</param>
/// <param name="Seconds">Wall seconds of the training (in the process that ran it).</param>
public sealed record PermutationCell(
    string Classifier, int PermutationIndex, int? PermutationSeed, int[] Permutation, int Seed,
    double TrainAccuracy, double TestAccuracy, double TestLoss, double MinMargin, double NormalizedMargin,
    double GammaCv, double Nc1, double Seconds)
{
    /// <summary>Steps of the training recomputed after a non-finite loss or gradient (a transient native fault; 0 in a healthy run).</summary>
    public int RecomputedSteps { get; init; }
}
