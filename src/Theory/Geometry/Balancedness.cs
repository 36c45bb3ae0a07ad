using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Geometry;

/// <summary>
/// The balancedness matrix C = WᵀW − H Hᵀ (d×d; H Hᵀ = Σ_i h_i h_iᵀ) of a factorised model W H, and its exact change
/// under one gradient step. For any loss of the logits W H + b1ᵀ, the data gradients are g_W = G Hᵀ and g_H = WᵀG
/// (G the logit gradient), so Wᵀg_W = g_H Hᵀ and the first-order terms cancel: with weight decay,
/// W' = W − η(g_W + λ_W W), H' = H − η(g_H + λ_H H) give
/// C' − C = −2η(λ_W WᵀW − λ_H H Hᵀ) + η²(ĝ_Wᵀĝ_W − ĝ_H ĝ_Hᵀ), ĝ the full gradients. Hence under gradient flow C is
/// conserved without weight decay, and C(t) = e^{−2λt} C(0) when λ_W = λ_H = λ.
/// </summary>
/// <remarks>
/// Du, Hu, Lee (2018), "Algorithmic regularization in learning deep homogeneous models: layers are automatically
/// balanced", NeurIPS (conservation of WᵀW − HHᵀ under gradient flow); the weight-decay and discrete-step forms are
/// derived in docs/review-models.md.
/// </remarks>
public static class Balancedness
{
    /// <summary>C = WᵀW − Σ_i h_i h_iᵀ for W (K×d) and sample-major H (N×d).</summary>
    public static Matrix<double> Of(Matrix<double> w, Matrix<double> h)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(h);
        return w.TransposeThisAndMultiply(w) - h.TransposeThisAndMultiply(h);
    }

    /// <summary>
    /// The predicted C' − C of one step θ' = θ − η ĝ with full gradients ĝ_W (K×d) and ĝ_H (N×d, sample-major), decay
    /// λ_W, λ_H at (W, H): −2η(λ_W WᵀW − λ_H HᵀH) + <paramref name="secondOrder"/>·η²(ĝ_Wᵀĝ_W − ĝ_Hᵀĝ_H) (sample-major
    /// H, so "HHᵀ" is HᵀH here). <paramref name="secondOrder"/> = 1 is the exact identity; 0 drops the η² term.
    /// </summary>
    public static Matrix<double> StepChange(Matrix<double> w, Matrix<double> h, Matrix<double> gradW, Matrix<double> gradH,
        double eta, double lambdaW, double lambdaH, double secondOrder = 1)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(gradW);
        ArgumentNullException.ThrowIfNull(gradH);
        var first = -2 * eta * (lambdaW * w.TransposeThisAndMultiply(w) - lambdaH * h.TransposeThisAndMultiply(h));
        var second = eta * eta * (gradW.TransposeThisAndMultiply(gradW) - gradH.TransposeThisAndMultiply(gradH));
        return first + secondOrder * second;
    }
}
