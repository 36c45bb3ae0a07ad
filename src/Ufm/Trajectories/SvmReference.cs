namespace Collapse.Ufm.Trajectories;

/// <summary>
/// The hard-margin multiclass SVM (Crammer–Singer, no intercept) W_svm = argmin ‖W‖_F² s.t. (w_{y_i} − w_k)ᵀ h̃_i ≥ 1
/// on the features h̃_i (h_i with a constant 1 appended when the model has a bias, so the bias is part of the
/// direction, as for GD on [W b]). Its direction is the limit of GD on CE with separable features
/// (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR, multiclass extension; claims catalogue E2).
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
