using Collapse.Ufm.Model;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Default step size η = 1/L from an upper bound L on the smoothness of the objective at the starting point
/// (docs/ufm.md, "Step sizes"). With c_ℓ the curvature bound of the loss in the logits (‖diag p − ppᵀ‖₂ ≤ ½ for
/// cross-entropy, by Popoviciu's variance inequality; 1 for MSE) and ΔZ = ΔW Hᵀ-terms bounded blockwise:
/// L = c_ℓ (σ_max(H)²·[W trained] + σ_max(W)²·[H trained] + N·[b trained]) / N + ‖G‖·[W and H trained] + max λ,
/// where ‖G‖ bounds the logit gradient (1/N)‖∂ℓ/∂Z‖_F (≤ √(2/N) for CE; its value at the start for MSE) and accounts
/// for the bilinear cross term 2⟨G, ΔW ΔH⟩. In mode (b) this is the global smoothness constant of the convex loss
/// in W (Soudry et al. 2018 ask for η &lt; 2/L); in the joint mode it is the bound at the start, and stays valid along
/// the run because the curvature of CE decays with the loss faster than the norms grow.
/// </summary>
public static class StepSize
{
    /// <summary>The bound L described above for the given data and configuration.</summary>
    public static double SmoothnessBound(UfmConfig config, UfmData data)
    {
        var trainW = config.Mode != UfmMode.FixedEtf;
        var trainH = config.Mode != UfmMode.FixedFeatures;
        int n = data.Samples, k = data.Classes, d = data.Dim;
        var curvature = config.Loss == UfmLoss.CrossEntropy ? 0.5 : 1.0;
        var sum = 0.0;
        if (trainW) sum += SpectralNormSquared(data.Features, n, d);
        if (trainH) sum += SpectralNormSquared(data.Classifier, k, d);
        if (config.Bias) sum += n;
        var l = curvature * sum / n;
        if (trainW && trainH)
            l += config.Loss == UfmLoss.CrossEntropy ? Math.Sqrt(2.0 / n) : InitialMseGradientNorm(data);
        var lambda = 0.0;
        if (trainW) lambda = Math.Max(lambda, config.LambdaW);
        if (trainH) lambda = Math.Max(lambda, config.LambdaH);
        if (config.Bias) lambda = Math.Max(lambda, config.LambdaB);
        return l + lambda;
    }

    /// <summary>η = 1/L (or the configured learning rate when given).</summary>
    public static double Default(UfmConfig config, UfmData data) => config.LearningRate ?? 1.0 / SmoothnessBound(config, data);

    /// <summary>
    /// Base η of the loss-normalized schedule η_t = η·F₀/F_t (F₀ = <paramref name="initialLoss"/>). The CE Hessian in
    /// the logits satisfies ‖diag p − ppᵀ‖₂ ≤ tr = 2(1 − p_y) ≤ 2ℓ_i, so the smoothness at θ_t is at most
    /// 2 F_t R² with R² = max_i ‖h̃_i‖²·[W trained] + σ_max(W)²·[H trained] (h̃_i with the bias 1 appended); the default
    /// η = 1/(2 F₀ R²) therefore keeps η_t·L_t ≤ 1 along the whole run in mode (b), where R is fixed.
    /// </summary>
    public static double NormalizedBase(UfmConfig config, UfmData data, double initialLoss)
    {
        if (config.LearningRate is { } lr) return lr;
        int n = data.Samples, k = data.Classes, d = data.Dim;
        var r2 = 0.0;
        if (config.Mode != UfmMode.FixedEtf)
        {
            var maxNorm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var s = config.Bias ? 1.0 : 0.0;
                for (var j = 0; j < d; j++) s += data.Features[i * d + j] * data.Features[i * d + j];
                maxNorm = Math.Max(maxNorm, s);
            }
            r2 += maxNorm;
        }
        if (config.Mode != UfmMode.FixedFeatures) r2 += SpectralNormSquared(data.Classifier, k, d);
        return 1.0 / (2.0 * initialLoss * r2);
    }

    /// <summary>
    /// The largest base step size the smoothness bound certifies as stable: gradient descent on an L-smooth objective
    /// decreases it for η &lt; 2/L, and heavy-ball momentum μ is stable on a quadratic of curvature L for
    /// η &lt; 2(1 + μ)/L (Polyak 1964, USSR Comput. Math. Math. Phys. 4(5), "Some methods of speeding up the convergence
    /// of iteration methods"); hence 2(1 + μ)·η₀ with η₀ = <paramref name="defaultStepSize"/> the default 1/L (or the
    /// loss-normalized default, which keeps η_t·L_t ≤ 1). In the joint mode L bounds the smoothness only near the
    /// start, so a smaller η can still diverge later, and a larger one need not diverge.
    /// </summary>
    public static double StableLimit(UfmConfig config, double defaultStepSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        return 2.0 * (1.0 + config.Momentum) * defaultStepSize;
    }

    /// <summary>The warning printed before a run whose --lr exceeds <see cref="StableLimit"/>.</summary>
    public static string AboveLimitWarning(UfmConfig config, double learningRate, double stableLimit, double defaultStepSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        static string G(double v) => Collapse.Theory.IO.NumberFormat.Display(v);
        var form = config.Schedule == StepSchedule.Normalized ? "2(1+μ)·η₀ for the loss-normalized default η₀" : config.Momentum > 0 ? "2(1+μ)/L" : "2/L";
        return $"--lr {G(learningRate)} is above the stable step size {G(stableLimit)} ({form}, default η = {G(defaultStepSize)}; docs/ufm.md, \"Divergence\"): the run may diverge";
    }

    private static double InitialMseGradientNorm(UfmData data)
    {
        int n = data.Samples, k = data.Classes, d = data.Dim;
        var s = 0.0;
        for (var i = 0; i < n; i++)
            for (var c = 0; c < k; c++)
            {
                var z = 0.0;
                for (var j = 0; j < d; j++) z += data.Classifier[c * d + j] * data.Features[i * d + j];
                var r = z - (data.Labels[i] == c ? 1.0 : 0.0);
                s += r * r;
            }
        return Math.Sqrt(s) / n;
    }

    /// <summary>
    /// σ_max(A)² of a row-major rows×cols matrix by power iteration on AᵀA (converged to 1e-9 relative, at most
    /// 2000 iterations), inflated by 1% to turn the lower estimate into a safe bound.
    /// </summary>
    public static double SpectralNormSquared(double[] a, int rows, int cols)
    {
        var v = new double[cols];
        var u = new double[rows];
        for (var j = 0; j < cols; j++) v[j] = 1.0 + 0.01 * j; // deterministic, generic start
        var lambda = 0.0;
        for (var it = 0; it < 2000; it++)
        {
            var vn = Math.Sqrt(v.Sum(x => x * x));
            if (vn == 0) return 0;
            for (var j = 0; j < cols; j++) v[j] /= vn;
            for (var i = 0; i < rows; i++)
            {
                var s = 0.0;
                for (var j = 0; j < cols; j++) s += a[i * cols + j] * v[j];
                u[i] = s;
            }
            Array.Clear(v);
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++) v[j] += a[i * cols + j] * u[i];
            var next = u.Sum(x => x * x); // = vᵀAᵀAv for the unit v: Rayleigh quotient
            if (Math.Abs(next - lambda) <= 1e-9 * next) { lambda = next; break; }
            lambda = next;
        }
        return lambda * 1.01;
    }
}
