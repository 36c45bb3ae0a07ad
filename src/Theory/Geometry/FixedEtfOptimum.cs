namespace Collapse.Theory.Geometry;

/// <summary>
/// Optimal features for a classifier fixed to a unit-norm simplex ETF M (rows m_k, ‖m_k‖ = 1, m_kᵀm_l = −1/(K−1)),
/// bias-free, with feature weight decay: f(H) = (1/N) Σ_i ℓ(M h_i, y_i) + (λ_H/2)‖H‖_F². The problem splits into one
/// strictly convex problem per sample, each invariant under the permutations of the other classes, so its unique
/// minimiser is h_i = s* m_{y_i} for every sample, whatever the class sizes n_k:
/// <list type="bullet">
/// <item>cross-entropy: s* is the root of (K/N)·e^{−as}/(1 + (K−1)e^{−as}) = λ_H s, a = K/(K−1) (the logits of
/// h = s m_y are s on the true class and −s/(K−1) elsewhere, so the margin is a·s);</item>
/// <item>squared loss ½‖Mh − e_y‖²: h_i = (MᵀM + Nλ_H I)⁻¹ m_{y_i} = m_{y_i}/(a + Nλ_H), since MᵀM = a Π (Π the
/// projector onto the ETF span).</item>
/// </list>
/// </summary>
/// <remarks>
/// Yang, Chen, Li, Xie, Lin, Tao (2022), "Inducing neural collapse in imbalanced learning: do we really need a
/// learnable classifier at the end of deep neural network?", NeurIPS, arXiv 2203.09081: with a fixed ETF classifier the
/// features reach neural collapse even when the classes are imbalanced, under CE and under a squared loss. The per-sample
/// closed forms for this penalised (rather than norm-constrained) objective are derived in docs/review-models.md.
/// </remarks>
public static class FixedEtfOptimum
{
    /// <summary>s* for cross-entropy (bisection to machine precision on (0, 1/(Nλ_H)]).</summary>
    /// <param name="classes">K ≥ 2.</param>
    /// <param name="samples">N, the total number of samples (the loss is a mean over all of them).</param>
    /// <param name="lambdaH">λ_H &gt; 0.</param>
    /// <param name="marginFactor">a: K/(K−1) for the statement; another value gives a deliberately wrong scale.</param>
    public static double CrossEntropyScale(int classes, double samples, double lambdaH, double? marginFactor = null)
    {
        Check(classes, samples, lambdaH);
        var a = marginFactor ?? classes / (classes - 1.0);
        double Excess(double s)
        {
            var e = Math.Exp(-a * s);
            return a * (classes - 1) / samples * e / (1 + (classes - 1) * e) - lambdaH * s;
        }
        // The left side a(K−1)/N · e/(1+(K−1)e) is decreasing and ≤ a(K−1)/(NK) at s = 0, so the root lies in (0, that/λ_H].
        double lo = 0, hi = a * (classes - 1) / (samples * classes * lambdaH);
        for (var it = 0; it < 200 && hi - lo > 1e-16 * hi; it++)
        {
            var mid = 0.5 * (lo + hi);
            if (Excess(mid) > 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>s* = 1/(a + Nλ_H) for the squared loss ½‖Mh − e_y‖² (a = K/(K−1) unless <paramref name="marginFactor"/> is given).</summary>
    public static double SquaredLossScale(int classes, double samples, double lambdaH, double? marginFactor = null)
    {
        Check(classes, samples, lambdaH);
        return 1 / ((marginFactor ?? classes / (classes - 1.0)) + samples * lambdaH);
    }

    private static void Check(int classes, double samples, double lambdaH)
    {
        if (classes < 2) throw new InputException($"classes {classes}: need at least 2");
        if (!(samples > 0)) throw new InputException($"samples {samples}: need at least 1");
        if (!(lambdaH > 0) || double.IsInfinity(lambdaH)) throw new InputException($"λ_H = {lambdaH}: must be finite and > 0");
    }
}
