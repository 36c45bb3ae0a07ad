namespace Collapse.Theory.Geometry;

/// <summary>
/// The global minimiser of the regularised, bias-free MSE unconstrained-features model with balanced classes and
/// d ≥ K, in the normalisation f(W, H) = (1/(2N))‖W H − Y‖_F² + (λ_W/2)‖W‖_F² + (λ_H/2)‖H‖_F² (H is d×N, Y = I_K ⊗ 1_nᵀ,
/// N = K n). With the threshold c = K√(n λ_W λ_H):
/// <list type="bullet">
/// <item>c &lt; 1: W H = (1 − c) Y; W Wᵀ = ‖w‖² I_K with ‖w_k‖² = (1 − c)/κ; every feature of class k equals
/// h̄_k = κ w_k with κ = √(λ_W/(n λ_H)), so the class means form an orthogonal frame (H̄ᵀH̄ = κ(1 − c) I_K, not a
/// simplex ETF: there is no bias) whose centred means are a simplex ETF; f* = c − c²/2.</item>
/// <item>c ≥ 1: (W, H) = (0, 0) and f* = 1/2.</item>
/// </list>
/// </summary>
/// <remarks>
/// Tirer and Bruna (2022), "Extended unconstrained features model for exploring deep neural collapse", ICML, Thm 3.1,
/// state it for (1/(2Kn))‖WH − Y‖² + (λ_W/(2K))‖W‖² + (λ_H/(2Kn))‖H‖² with threshold √(λ_Wλ_H); that objective is this
/// one with λ_W = λ_W^TB/K and λ_H = λ_H^TB/N, so their threshold √(λ_W^TBλ_H^TB) is c. Zhou, Li, Ding, You, Qu, Zhu
/// (2022), "On the optimization landscape of neural collapse under MSE loss: global optimality with unconstrained
/// features", ICML, show the landscape is benign (every other critical point is a strict saddle), so gradient descent
/// reaches this minimiser. Derivation used here: for d ≥ K the model equals min_Z (1/(2N))‖Z − Y‖² + √(λ_Wλ_H)‖Z‖_*,
/// whose solution soft-thresholds the K singular values √n of Y by N√(λ_Wλ_H); the balanced factorisation of Z gives
/// the geometry (docs/review-models.md).
/// </remarks>
/// <param name="Classes">K.</param>
/// <param name="PerClass">n.</param>
/// <param name="Threshold">c (K√(nλ_Wλ_H) for the model; another value gives a deliberately different closed form).</param>
/// <param name="FeatureToClassifier">κ = √(λ_W/(nλ_H)): h̄_k = κ w_k.</param>
public sealed record MseUfmMinimiser(int Classes, int PerClass, double Threshold, double FeatureToClassifier)
{
    /// <summary>The minimiser for the given model parameters (throws <see cref="InputException"/> on λ ≤ 0, K &lt; 2 or n &lt; 1).</summary>
    public static MseUfmMinimiser Of(int classes, int perClass, double lambdaW, double lambdaH)
    {
        if (classes < 2) throw new InputException($"classes {classes}: need at least 2");
        if (perClass < 1) throw new InputException($"perClass {perClass}: need at least 1");
        if (!(lambdaW > 0) || !(lambdaH > 0) || double.IsInfinity(lambdaW) || double.IsInfinity(lambdaH))
            throw new InputException($"λ_W = {lambdaW}, λ_H = {lambdaH}: the closed form needs finite λ_W, λ_H > 0");
        return new MseUfmMinimiser(classes, perClass, ThresholdOf(classes, perClass, lambdaW, lambdaH), Math.Sqrt(lambdaW / (perClass * lambdaH)));
    }

    /// <summary>c = K√(n λ_W λ_H).</summary>
    public static double ThresholdOf(int classes, int perClass, double lambdaW, double lambdaH) => classes * Math.Sqrt(perClass * lambdaW * lambdaH);

    /// <summary>True when c ≥ 1: the minimiser is W = 0, H = 0.</summary>
    public bool IsZero => Threshold >= 1;

    /// <summary>(1 − c)₊: W H = Shrinkage · Y.</summary>
    public double Shrinkage => Math.Max(0, 1 - Threshold);

    /// <summary>‖w_k‖² = (1 − c)₊/κ (W Wᵀ = ‖w‖² I_K).</summary>
    public double ClassifierNormSquared => Shrinkage / FeatureToClassifier;

    /// <summary>‖h̄_k‖² = κ(1 − c)₊ (every feature of class k).</summary>
    public double FeatureNormSquared => Shrinkage * FeatureToClassifier;

    /// <summary>f* = c − c²/2 for c &lt; 1, else 1/2.</summary>
    public double Objective => IsZero ? 0.5 : Threshold - Threshold * Threshold / 2;
}
