using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Lipschitz margin transfer, the mechanism of Gao et al. 2023's covering-number bound (arXiv 2310.08358; Thm 4.8 in
/// its reviews), reconstructed here (exact; docs/bounds.md §6): if the feature map f is L-Lipschitz and a training point x_j of class k has
/// (w_k − w_l)ᵀ f(x_j) ≥ γ_kl, then every x with ‖x − x_j‖ &lt; ε_kl := γ_kl / (L‖w_k − w_l‖) has
/// (w_k − w_l)ᵀ f(x) ≥ γ_kl − L‖w_k − w_l‖‖x − x_j‖ &gt; 0, i.e. x is not confused with class l.
/// </summary>
public static class LipschitzMarginTransfer
{
    /// <summary>Safe radius ε_kl = γ_kl / (L‖w_k − w_l‖) (reviewer R4's quote of Thm 4.8's resolution); ≤ 0 when γ_kl ≤ 0.</summary>
    public static double Radius(double pairMargin, double lipschitz, double classifierDistance)
    {
        Require.Finite(pairMargin, "pairMargin");
        Require.Positive(lipschitz, "lipschitz");
        Require.Positive(classifierDistance, "classifierDistance");
        return pairMargin / (lipschitz * classifierDistance);
    }

    /// <summary>
    /// Matrix of safe radii ε_kl = γ_kl / (L‖w_k − w_l‖) for a K×K class-pair margin matrix and a K×d classifier
    /// (rows w_k); the diagonal is NaN.
    /// </summary>
    public static Matrix<double> RadiusMatrix(Matrix<double> pairMargins, Matrix<double> classifier, double lipschitz)
    {
        ArgumentNullException.ThrowIfNull(pairMargins);
        ArgumentNullException.ThrowIfNull(classifier);
        var k = pairMargins.RowCount;
        if (pairMargins.ColumnCount != k || classifier.RowCount != k)
            throw new InputException($"pairMargins ({k}x{pairMargins.ColumnCount}) and classifier ({classifier.RowCount} rows) disagree on K");
        var eps = Matrix<double>.Build.Dense(k, k, double.NaN);
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
                if (a != b) eps[a, b] = Radius(pairMargins[a, b], lipschitz, (classifier.Row(a) - classifier.Row(b)).L2Norm());
        return eps;
    }

    /// <summary>
    /// Guaranteed pair score at a point at distance <paramref name="inputDistance"/> from a training point whose pair
    /// score is <paramref name="trainPairScore"/>: trainPairScore − L‖w_k − w_l‖·‖x − x_j‖ (a lower bound on (w_k − w_l)ᵀ f(x)).
    /// </summary>
    public static double GuaranteedPairScore(double trainPairScore, double lipschitz, double classifierDistance, double inputDistance)
    {
        Require.NonNegative(lipschitz, "lipschitz");
        Require.NonNegative(classifierDistance, "classifierDistance");
        Require.NonNegative(inputDistance, "inputDistance");
        return trainPairScore - lipschitz * classifierDistance * inputDistance;
    }
}
