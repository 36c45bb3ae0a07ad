using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Covering-number bounds built on the Lipschitz margin-transfer radii ε_kl = γ_kl / (L‖w_k − w_l‖)
/// (Gao et al. 2023, arXiv 2310.08358, Thm 4.8 and Rem 4.9, both [R]: known only through reviewer R4's paraphrase).
/// A covering-number function 𝒩_y(ε) of class y's input support is supplied by the caller (non-increasing in ε,
/// e.g. <see cref="CoveringNumbers.Ball"/>); an optional label permutation π uses ε_{π(y)π(y')} (class y's data
/// complexity meets vertex π(y)'s margins and classifier distances).
/// </summary>
public static class CoveringBound
{
    /// <summary>Source of <see cref="PaperForm"/>.</summary>
    public const string PaperSource = "[R] Gao et al. 2023 Thm 4.8 as paraphrased by ICLR reviewer R4 (constant 1/(2N) unverified)";

    /// <summary>Source of <see cref="ExpectedForm"/>.</summary>
    public const string ExpectedSource = "[R] derived: Lipschitz margin transfer (Gao et al. 2023 Thm 4.8 mechanism) + cell-coverage E[uncovered mass] <= N/(e n)";

    /// <summary>
    /// The form quoted by reviewer R4: P(misclassification) ≤ (1/(2N)) Σ_y max_{y'≠y} 𝒩_y(ε_{π(y)π(y')}).
    /// The constant and the probabilistic sense (expectation over S?) are unknown [?]; this is a reconstruction.
    /// </summary>
    public static BoundEvaluation PaperForm(Matrix<double> radii, Func<int, double, double> coveringNumber, int sampleSize, ReadOnlySpan<int> permutation = default)
    {
        var (k, pi) = Prepare(radii, coveringNumber, permutation);
        Require.AtLeast(sampleSize, 1, "sampleSize");
        var total = 0.0;
        for (var y = 0; y < k; y++)
        {
            var worst = 0.0;
            for (var z = 0; z < k; z++)
                if (z != y) worst = Math.Max(worst, Cover(coveringNumber, y, radii[pi[y], pi[z]]));
            total += worst;
        }
        return new BoundEvaluation("coveringPaper", PaperSource, total / (2.0 * sampleSize),
            [new BoundTerm("coveringSum", total), new BoundTerm("scale", 1.0 / (2.0 * sampleSize))], true);
    }

    /// <summary>
    /// Derived expectation form [R]: E_S[R(h)] ≤ Σ_y p_y · 𝒩_y(ε_y/2) / (e·n_y), with ε_y = min_{y'≠y} ε_{π(y)π(y')}.
    /// Proof: cover class y's support by 𝒩_y(ε_y/2) cells of diameter ≤ ε_y; a test point sharing a cell with a
    /// class-y training point is classified correctly by the margin transfer (up to ties); a cell of mass p is empty
    /// with probability (1−p)^{n_y} and Σ_c p_c e^{−n_y p_c} ≤ 𝒩/(e n_y). Valid when the radii are fixed independently
    /// of the sample (e.g. margins guaranteed in advance); with radii read off the same sample it is heuristic.
    /// </summary>
    public static BoundEvaluation ExpectedForm(Matrix<double> radii, Func<int, double, double> coveringNumber, ReadOnlySpan<int> classCounts,
        ReadOnlySpan<double> classPriors, ReadOnlySpan<int> permutation = default)
    {
        var (k, pi) = Prepare(radii, coveringNumber, permutation);
        if (classCounts.Length != k || classPriors.Length != k)
            throw new InputException($"classCounts/classPriors: lengths {classCounts.Length}/{classPriors.Length} differ from K={k}");
        var total = 0.0;
        for (var y = 0; y < k; y++)
        {
            Require.AtLeast(classCounts[y], 1, $"classCounts[{y}]");
            Require.UnitInterval(classPriors[y], $"classPriors[{y}]");
            var eps = double.PositiveInfinity;
            for (var z = 0; z < k; z++)
                if (z != y) eps = Math.Min(eps, radii[pi[y], pi[z]]);
            total += classPriors[y] * Cover(coveringNumber, y, eps / 2) / (Math.E * classCounts[y]);
        }
        return new BoundEvaluation("coveringExpected", ExpectedSource, total, [new BoundTerm("coverage", total)], true);
    }

    private static (int K, int[] Pi) Prepare(Matrix<double> radii, Func<int, double, double> coveringNumber, ReadOnlySpan<int> permutation)
    {
        ArgumentNullException.ThrowIfNull(radii);
        ArgumentNullException.ThrowIfNull(coveringNumber);
        var k = radii.RowCount;
        Require.AtLeast(k, 2, "classes");
        if (radii.ColumnCount != k) throw new InputException($"radii: {k}x{radii.ColumnCount} is not square");
        var pi = PermutationSweep.Resolve(permutation, k);
        return (k, pi);
    }

    private static double Cover(Func<int, double, double> coveringNumber, int cls, double eps)
    {
        if (!(eps > 0)) return double.PositiveInfinity;
        var n = coveringNumber(cls, eps);
        if (!(n >= 1)) throw new InputException($"coveringNumber({cls}, {Require.Fmt(eps)}) = {Require.Fmt(n)}: a covering number is >= 1");
        return n;
    }
}
