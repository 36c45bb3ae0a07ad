using Collapse.Theory.Loss;
using Collapse.Theory.Numerics;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Engine;

/// <summary>
/// Per-sample logit gradient ∂ℓ/∂z for one row of logits, in float64, and the per-sample loss (the loss values come
/// from Collapse.Theory's <see cref="CrossEntropy"/> so there is one formula for CE).
/// Cross-entropy: g = softmax(z) − e_y, with the true-class entry formed as −Σ_{j≠y} softmax_j so that it keeps full
/// relative precision when p_y rounds to 1 (margins ≳ 36). MSE: g = z − e_y, ℓ = ½‖z − e_y‖².
/// </summary>
internal static class LogitGradient
{
    /// <summary>Writes ∂ℓ/∂z · <paramref name="scale"/> into <paramref name="grad"/> and returns ℓ (NaN unless <paramref name="wantLoss"/>).</summary>
    public static double Compute(UfmLoss loss, ReadOnlySpan<double> z, int y, double scale, Span<double> grad, bool wantLoss)
    {
        var k = z.Length;
        if (loss == UfmLoss.Mse)
        {
            var l = 0.0;
            for (var j = 0; j < k; j++)
            {
                var r = z[j] - (j == y ? 1.0 : 0.0);
                grad[j] = r * scale;
                l += r * r;
            }
            return wantLoss ? 0.5 * l : double.NaN;
        }

        var m = z[0];
        for (var j = 1; j < k; j++)
            if (z[j] > m) m = z[j];
        var total = 0.0;
        for (var j = 0; j < k; j++)
        {
            var e = Math.Exp(z[j] - m);
            grad[j] = e;
            total += e;
        }
        var inv = 1.0 / total;
        var pOthers = 0.0;
        for (var j = 0; j < k; j++)
        {
            if (j == y) continue;
            var p = grad[j] * inv;
            pOthers += p;
            grad[j] = p * scale;
        }
        grad[y] = -pOthers * scale;
        return wantLoss ? CrossEntropy.Sample(z, y) : double.NaN;
    }

    /// <summary>
    /// Cross-entropy gradient and loss both multiplied by e^{−A} (A a common shift, typically max_i a_i with
    /// a_i = LSE_{j≠y}(z_j − z_y)), so that the ratio ∇F/F needed by the loss-normalized schedule stays finite when
    /// the loss itself underflows (margins beyond ~745). Writes g̃ = e^{−A}·scale·(softmax(z) − e_y) and returns
    /// e^{−A}·ℓ.
    /// </summary>
    public static double ComputeShifted(ReadOnlySpan<double> z, int y, double a, double shift, double scale, Span<double> grad)
    {
        var sp = LogSumExp.Softplus(a);
        var zy = z[y];
        var pOthers = 0.0;
        for (var j = 0; j < z.Length; j++)
        {
            if (j == y) continue;
            var p = Math.Exp(z[j] - zy - sp - shift);
            pOthers += p;
            grad[j] = p * scale;
        }
        grad[y] = -pOthers * scale;
        return Math.Exp(LogSumExp.LogSoftplus(a) - shift);
    }
}
