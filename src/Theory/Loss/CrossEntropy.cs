using Collapse.Theory.Numerics;

namespace Collapse.Theory.Loss;

/// <summary>
/// Cross-entropy in the margin form, evaluated stably:
/// ℓ(z, y) = log(1 + Σ_{j≠y} exp(−(z_y − z_j))) = softplus(LSE_{j≠y}(z_j − z_y)).
/// </summary>
/// <remarks>
/// The naive <c>logsumexp(z) − z_y</c> rounds to 0 once margins pass ~36 in float64, after which the CE–margin
/// sandwich appears violated (docs/conventions.md, "Known pitfalls"). Here the loss keeps full relative accuracy down
/// to the smallest subnormal, and <see cref="LogSample"/> gives log ℓ finite far beyond (TPT losses below 1e-300).
/// Convention: docs/conventions.md §Margins and loss.
/// </remarks>
public static class CrossEntropy
{
    /// <summary>a = LSE_{j≠y}(z_j − z_y): the log of the loss's inner sum (−∞ when K = 1).</summary>
    public static double InnerLogSum(ReadOnlySpan<double> logits, int label)
    {
        double zy = logits[label];
        double m = double.NegativeInfinity;
        for (int j = 0; j < logits.Length; j++)
            if (j != label && logits[j] - zy > m) m = logits[j] - zy;
        if (double.IsNegativeInfinity(m) || double.IsPositiveInfinity(m)) return m;
        double s = 0;
        for (int j = 0; j < logits.Length; j++)
            if (j != label) s += Math.Exp(logits[j] - zy - m);
        return m + Math.Log(s);
    }

    /// <summary>Per-sample loss ℓ(z, y) (natural log).</summary>
    public static double Sample(ReadOnlySpan<double> logits, int label) => LogSumExp.Softplus(InnerLogSum(logits, label));

    /// <summary>log ℓ(z, y), finite even when ℓ underflows to 0.</summary>
    public static double LogSample(ReadOnlySpan<double> logits, int label) => LogSumExp.LogSoftplus(InnerLogSum(logits, label));

    /// <summary>
    /// Mean loss and its logarithm over N samples given row-major logits (N×K): (CE, log CE) with log CE computed
    /// in the log domain as LSE_i(log ℓ_i) − log N.
    /// </summary>
    public static (double Mean, double LogMean) Evaluate(ReadOnlySpan<double> logitsRowMajor, ReadOnlySpan<int> labels, int classes)
    {
        int n = labels.Length;
        if (n == 0) throw new ArgumentException("no samples", nameof(labels));
        var sum = new NeumaierSum();
        var lse = new LogSumExpAccumulator();
        for (int i = 0; i < n; i++)
        {
            var z = logitsRowMajor.Slice(i * classes, classes);
            double a = InnerLogSum(z, labels[i]);
            sum.Add(LogSumExp.Softplus(a));
            lse.Add(LogSumExp.LogSoftplus(a));
        }
        return (sum.Value / n, lse.Value - Math.Log(n));
    }
}
