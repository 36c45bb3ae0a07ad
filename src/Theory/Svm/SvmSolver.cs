using Collapse.Theory;

namespace Collapse.Theory.Svm;

/// <summary>
/// Solves the reference SVM of <see cref="SvmReference"/> with Collapse.Theory's certified multiclass SVM
/// (<see cref="MulticlassSvm"/>): the one place where features h_i become h̃_i = [h_i 1] for a model with a bias. Used by
/// the UFM and by deep validation (svmDistance of a trained network's last layer).
/// </summary>
public static class SvmSolver
{
    /// <summary>
    /// The SVM on features h̃_i (row-major N×d; a constant 1 appended when <paramref name="bias"/>), or null when the
    /// data are not separable by a bias-free linear classifier (or the margin is too small to certify). The result's
    /// <see cref="SvmReference.Certified"/> says whether the certificate meets the default tolerances.
    /// </summary>
    /// <param name="features">h, row-major N×<paramref name="dim"/>.</param>
    /// <param name="labels">N labels in 0..K−1.</param>
    /// <param name="classes">K.</param>
    /// <param name="dim">d (without the bias column).</param>
    /// <param name="bias">Whether the model has a bias (then the SVM is solved on [h 1] and its last column is the bias).</param>
    /// <param name="options">Solver settings (e.g. a warm start from <see cref="SvmReference.Support"/>), or null for the defaults.</param>
    public static SvmReference? TrySolve(double[] features, int[] labels, int classes, int dim, bool bias, SvmOptions? options = null)
    {
        var cols = bias ? dim + 1 : dim;
        var x = features;
        if (bias)
        {
            var n = labels.Length;
            x = new double[n * cols];
            for (var i = 0; i < n; i++)
            {
                Array.Copy(features, i * dim, x, i * cols, dim);
                x[i * cols + dim] = 1.0;
            }
        }
        try
        {
            var solution = MulticlassSvm.Solve(x, labels, classes, options);
            var c = solution.Certificate;
            var support = new List<int>();
            for (var a = 0; a < solution.Lambda.Length; a++)
                if (solution.Lambda[a] > 0) support.Add(a);
            return new SvmReference(classes, dim, bias, solution.W.ToRowMajorArray(), c.DualityGap, c.MaxViolation, c.IsCertified())
            {
                Support = support,
            };
        }
        catch (InputException)
        {
            return null; // not separable (or not certifiable): the SVM columns stay NaN and SVM claims are inconclusive
        }
    }
}
