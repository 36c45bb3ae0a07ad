namespace Collapse.Theory.Loss;

/// <summary>
/// Squared error against the one-hot target, ℓ(z, y) = ½‖z − e_y‖² (the MSE loss of the UFM, docs/ufm.md; Hui &amp;
/// Belkin 2021, ICLR, "Evaluation of neural architectures trained with square loss vs cross-entropy in classification
/// tasks", use it for classification). Convex in z.
/// </summary>
public static class SquaredError
{
    /// <summary>Per-sample loss ½‖z − e_y‖².</summary>
    public static double Sample(ReadOnlySpan<double> logits, int label)
    {
        var s = 0.0;
        for (var j = 0; j < logits.Length; j++)
        {
            var r = logits[j] - (j == label ? 1.0 : 0.0);
            s += r * r;
        }
        return 0.5 * s;
    }
}
