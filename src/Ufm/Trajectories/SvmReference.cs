using Collapse.Theory.Numerics;

namespace Collapse.Ufm.Trajectories;

/// <summary>
/// The hard-margin multiclass SVM (Crammer–Singer, no intercept) W_svm = argmin ‖W‖_F² s.t. (w_{y_i} − w_k)ᵀ h̃_i ≥ 1
/// on the features h̃_i (h_i with a constant 1 appended when the model has a bias, so the bias is part of the
/// direction, as for GD on [W b]). Its direction is the limit of GD on CE with separable features
/// (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR, multiclass extension; docs/references.md#soudry2018).
/// </summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d (without the bias column).</param>
/// <param name="Bias">Whether a bias column is appended.</param>
/// <param name="Weights">W_svm, K×(d + [bias]) row-major.</param>
/// <param name="DualityGap">Certificate: relative duality gap of the solution.</param>
/// <param name="MaxViolation">Certificate: largest constraint violation.</param>
/// <param name="Certified">Whether the certificate meets the solver's tolerances.</param>
public sealed record SvmReference(int Classes, int Dim, bool Bias, double[] Weights, double DualityGap, double MaxViolation, bool Certified)
{
    /// <summary>
    /// The support of the solution: constraint slots i·K + j with a positive multiplier λ_ij (layout of
    /// <see cref="Collapse.Theory.Svm.SvmSolution.Lambda"/>), a warm start for the SVM of nearby features
    /// (<see cref="Collapse.Theory.Svm.SvmOptions.WarmStart"/>); empty unless set.
    /// </summary>
    public IReadOnlyList<int> Support { get; init; } = [];

    /// <summary>
    /// svmDirectionDistance ‖[W b]/‖[W b]‖_F − W_svm/‖W_svm‖_F‖_F of a last layer (W K×d row-major, bias b or null,
    /// stacked as in <see cref="Stack"/>) to this SVM (docs/ufm.md; the direction GD on CE converges to, Soudry et al.
    /// 2018, JMLR, multiclass extension); NaN when [W b] = 0.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes, or the presence of a bias, do not match the SVM's.</exception>
    public double DirectionDistance(double[] w, double[]? b)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Length != Classes * Dim || (b is not null) != Bias || (b is not null && b.Length != Classes))
            throw new ArgumentException($"last layer of {w.Length} weights{(b is null ? " without bias" : $" and {b.Length} biases")} does not match the SVM's {Classes}×{Dim}{(Bias ? " with bias" : " without bias")}", nameof(w));
        var wb = Stack(w, b, Classes, Dim);
        var norm = Math.Sqrt(DenseKernels.SumOfSquares(wb));
        if (norm == 0) return double.NaN;
        var svmNorm = Math.Sqrt(DenseKernels.SumOfSquares(Weights));
        var dist = 0.0;
        for (var i = 0; i < wb.Length; i++)
        {
            var t = wb[i] / norm - Weights[i] / svmNorm;
            dist += t * t;
        }
        return Math.Sqrt(dist);
    }

    /// <summary>[W b] as K×(d+1) row-major (or W itself when <paramref name="b"/> is null).</summary>
    public static double[] Stack(double[] w, double[]? b, int classes, int dim)
    {
        if (b is null) return w;
        var s = new double[classes * (dim + 1)];
        for (var k = 0; k < classes; k++)
        {
            Array.Copy(w, k * dim, s, k * (dim + 1), dim);
            s[k * (dim + 1) + dim] = b[k];
        }
        return s;
    }
}
