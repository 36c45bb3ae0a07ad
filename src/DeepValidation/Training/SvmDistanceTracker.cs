using System.Diagnostics;
using Collapse.Theory.Svm;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// svmDistance of a network during training: the distance ‖[W b]/‖[W b]‖_F − W_svm/‖W_svm‖_F‖_F of its last layer
/// (stacked with its bias when it has one) to the certified multi-class hard-margin SVM of the current train
/// features ([h 1] with a bias), the limit direction of gradient descent on CE once the features are separable
/// (Soudry et al. 2018, JMLR 19, multiclass extension; Lyu &amp; Li 2020, ICLR). The SVM and the distance are the
/// UFM's (<see cref="SvmSolver"/>, <see cref="SvmReference.DirectionDistance"/>); each solve is warm-started from the
/// previous epoch's support, since the features move little between epochs of the terminal phase.
/// </summary>
public sealed class SvmDistanceTracker
{
    private IReadOnlyList<int>? support;

    /// <summary>Epochs at which the SVM was solved.</summary>
    public int Solves { get; private set; }

    /// <summary>
    /// The distance, or null when the features are not separable by a bias-free SVM on h̃ (or too tightly to certify)
    /// or the solution is not certified at the default tolerances; with the seconds the solve took.
    /// </summary>
    /// <param name="features">Train features h (row-major N×<paramref name="dim"/>).</param>
    /// <param name="labels">Train labels.</param>
    /// <param name="classes">K.</param>
    /// <param name="dim">d.</param>
    /// <param name="weights">W, K×d row-major.</param>
    /// <param name="bias">b (length K) or null for a bias-free (e.g. fixed) last layer.</param>
    public (double? Distance, double Seconds) Measure(double[] features, int[] labels, int classes, int dim, double[] weights, double[]? bias)
    {
        var clock = Stopwatch.StartNew();
        var svm = SvmSolver.TrySolve(features, labels, classes, dim, bias is not null, new SvmOptions { WarmStart = support });
        Solves++;
        double? distance = null;
        if (svm is not null)
        {
            support = svm.Support;
            if (svm.Certified) distance = svm.DirectionDistance(weights, bias);
        }
        clock.Stop();
        return (distance is double v && double.IsFinite(v) ? v : null, clock.Elapsed.TotalSeconds);
    }
}
