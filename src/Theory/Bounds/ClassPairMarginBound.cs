using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Class-pair margin bound built on the γ_kl matrix [R] (reconstruction in the spirit of Gao et al. 2023, arXiv
/// 2310.08358, Thm 4.4 / Rem 4.9; derived here from Mohri et al., <i>Foundations of ML</i>, 2nd ed., Thm 5.9 and the
/// proof of Thm 9.2). With probability ≥ 1 − δ:
/// <code>
/// R(h) ≤ Σ_k p_k Σ_{l≠k} [ R̂_{k,γ_kl} + (8/γ_kl)·𝔑_{n_k}^{(k)}(Π₁(H)) + √(log log₂(2r/γ_kl)/n_k) + √(log(2K(K−1)/δ)/(2n_k)) ]
/// </code>
/// where p_k is the class prior, n_k the number of class-k training samples, 𝔑^{(k)} the Rademacher complexity of Π₁(H)
/// under the class-k conditional distribution, and R̂_{k,γ} the ramp margin risk of the pair score h(·,k) − h(·,l) on the
/// class-k samples (0 when γ_kl is the class-pair margin min_{y_i=k}(z_ik − z_il) itself).
/// </summary>
/// <remarks>
/// Derivation: an error on class k means z_k − z_l ≤ 0 for some l ≠ k (union over l). For each pair apply the binary
/// uniform-in-margin bound (Thm 5.9: 4/γ) to G_kl = {h(·,k) − h(·,l)} on the n_k class-k samples, with
/// 𝔑(G_kl) ≤ 2·𝔑(Π₁(H)) (hence 8/γ), and a union bound over the K(K−1) ordered pairs (δ/(K(K−1)) each; Thm 5.9's
/// log(2/δ') becomes log(2K(K−1)/δ)). Conditioning on the class counts, class-k samples are i.i.d. from class k.
/// A permutation π evaluates the bound with γ_{π(k)π(l)} in place of γ_kl (Rem 4.9 [V-review]: "permuting γ̂_{i,j} to
/// γ̂_{π(i),π(j)}"): class k's data complexity meets vertex π(k)'s margins. With all γ_kl equal the bound is
/// permutation-invariant; with heterogeneous margins and class complexities it is not (claims permuted-bounds-*).
/// </remarks>
public static class ClassPairMarginBound
{
    /// <summary>Source string of the bound.</summary>
    public const string Source = "[R] class-pair variant of Gao et al. 2023 Thm 4.4 / Rem 4.9, derived from Mohri et al. 2nd ed. Thm 5.9 + Thm 9.2";

    /// <summary>
    /// One pair term: R̂_{k,γ} + (8/γ)·𝔑_k + √(log log₂(2r/γ)/n_k) + √(log(2K(K−1)/δ)/(2n_k)), for 0 &lt; γ ≤ r.
    /// </summary>
    public static double PairTerm(double pairMarginRisk, double pairMargin, double classRademacher, int classCount, int classes, double marginRange, double delta)
    {
        Require.UnitInterval(pairMarginRisk, "pairMarginRisk");
        Require.NonNegative(classRademacher, "classRademacher");
        Require.AtLeast(classes, 2, "classes");
        Require.Probability(delta, "delta");
        return pairMarginRisk
            + 8.0 / pairMargin * classRademacher
            + UniformMarginBound.UniformityTerm(pairMargin, marginRange, classCount)
            + Math.Sqrt(Math.Log(2.0 * classes * (classes - 1) / delta) / (2.0 * classCount));
    }

    /// <summary>
    /// Evaluates the bound, optionally under a label permutation π (γ_kl ↦ γ_{π(k)π(l)}, and the same for
    /// <paramref name="pairMarginRisks"/>). <paramref name="pairMargins"/> is K×K (diagonal ignored, off-diagonal in
    /// (0, r]); <paramref name="pairMarginRisks"/> defaults to 0 (γ_kl equal to the observed class-pair margins).
    /// </summary>
    public static BoundEvaluation Evaluate(
        Matrix<double> pairMargins,
        ReadOnlySpan<double> classRademacher,
        ReadOnlySpan<int> classCounts,
        ReadOnlySpan<double> classPriors,
        double marginRange,
        double delta,
        Matrix<double>? pairMarginRisks = null,
        ReadOnlySpan<int> permutation = default)
    {
        ArgumentNullException.ThrowIfNull(pairMargins);
        var k = pairMargins.RowCount;
        Require.AtLeast(k, 2, "classes");
        if (pairMargins.ColumnCount != k) throw new InputException($"pairMargins: {k}x{pairMargins.ColumnCount} is not square");
        if (classRademacher.Length != k || classCounts.Length != k || classPriors.Length != k)
            throw new InputException($"classRademacher/classCounts/classPriors: lengths {classRademacher.Length}/{classCounts.Length}/{classPriors.Length} differ from K={k}");
        if (pairMarginRisks is not null && (pairMarginRisks.RowCount != k || pairMarginRisks.ColumnCount != k))
            throw new InputException($"pairMarginRisks: must be {k}x{k}");
        var pi = PermutationSweep.Resolve(permutation, k);
        var priorSum = 0.0;
        foreach (var p in classPriors) { Require.UnitInterval(p, "classPriors"); priorSum += p; }
        if (Math.Abs(priorSum - 1) > 1e-9) throw new InputException($"classPriors: sum to {Require.Fmt(priorSum)}, not 1");
        Require.Probability(delta, "delta");

        double risk = 0, complexity = 0, uniformity = 0, confidence = 0;
        for (var a = 0; a < k; a++)
        {
            Require.AtLeast(classCounts[a], 1, $"classCounts[{a}]");
            Require.NonNegative(classRademacher[a], $"classRademacher[{a}]");
            var conf = Math.Sqrt(Math.Log(2.0 * k * (k - 1) / delta) / (2.0 * classCounts[a]));
            for (var b = 0; b < k; b++)
            {
                if (a == b) continue;
                var gamma = pairMargins[pi[a], pi[b]];
                if (!(gamma > 0))
                    throw new InputException($"pairMargins[{pi[a]},{pi[b]}] must be > 0 (got {Require.Fmt(gamma)}): the pair is not separated on the training set");
                var r = pairMarginRisks is null ? 0.0 : pairMarginRisks[pi[a], pi[b]];
                Require.UnitInterval(r, $"pairMarginRisks[{pi[a]},{pi[b]}]");
                var w = classPriors[a];
                risk += w * r;
                complexity += w * 8.0 / gamma * classRademacher[a];
                uniformity += w * UniformMarginBound.UniformityTerm(gamma, marginRange, classCounts[a]);
                confidence += w * conf;
            }
        }
        return BoundEvaluation.Sum("classPairMargin", Source, true,
            new BoundTerm("empiricalMarginRisk", risk),
            new BoundTerm("complexity", complexity),
            new BoundTerm("marginUniformity", uniformity),
            new BoundTerm("confidence", confidence));
    }
}
