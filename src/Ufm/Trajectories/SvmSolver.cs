using Collapse.Theory;
using Collapse.Theory.Svm;

namespace Collapse.Ufm.Trajectories;

/// <summary>Solves the reference SVM of <see cref="SvmReference"/> with Collapse.Theory's certified multiclass SVM.</summary>
internal static class SvmSolver
{
    /// <summary>
    /// The SVM on features h̃_i (with a constant 1 appended when <paramref name="bias"/>), or null when the data are
    /// not separable by a bias-free linear classifier (or the margin is too small to certify).
    /// </summary>
    public static SvmReference? TrySolve(double[] features, int[] labels, int classes, int dim, bool bias)
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
            var solution = MulticlassSvm.Solve(x, labels, classes);
            var c = solution.Certificate;
            return new SvmReference(classes, dim, bias, solution.W.ToRowMajorArray(), c.DualityGap, c.MaxViolation, c.IsCertified());
        }
        catch (InputException)
        {
            return null; // not separable (or not certifiable): the SVM columns stay NaN and SVM claims are inconclusive
        }
    }
}
