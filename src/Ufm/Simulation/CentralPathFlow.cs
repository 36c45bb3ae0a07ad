using Collapse.Theory;
using Collapse.Theory.Etf;
using Collapse.Theory.Geometry;

namespace Collapse.Ufm.Simulation;

/// <summary>Parameters of a <see cref="CentralPathFlow"/> run (the normalisation of docs/ufm.md: λ_H multiplies ‖H‖_F²).</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
/// <param name="PerClass">n (balanced, class-sorted labels).</param>
/// <param name="LambdaW">λ_W &gt; 0.</param>
/// <param name="LambdaH">λ_H ≥ 0.</param>
/// <param name="TimeStep">δt of the explicit Euler steps of dH/dt = −N ∇L(H).</param>
/// <param name="Steps">Number of Euler steps (flow time Steps·δt).</param>
/// <param name="InitScale">Standard deviation of the i.i.d. Gaussian H₀.</param>
/// <param name="Seed">Seed of H₀.</param>
/// <param name="Ridge">The ridge r of W*(H) = Y Hᵀ(H Hᵀ + r I)⁻¹ (null: N λ_W, the minimiser in W).</param>
public sealed record CentralPathConfig(int Classes, int Dim, int PerClass, double LambdaW, double LambdaH, double TimeStep, int Steps,
    double InitScale, int Seed, double? Ridge = null)
{
    /// <summary>N = K n.</summary>
    public int Samples => Classes * PerClass;

    /// <summary>The ridge used (N λ_W unless overridden).</summary>
    public double EffectiveRidge => Ridge ?? Samples * LambdaW;
}

/// <summary>
/// The flow of Tirer, Huang, Niles-Weed (2023) on the central path of the bias-free MSE UFM: with
/// f(W, H) = (1/(2N))‖WH − Y‖² + (λ_W/2)‖W‖² + (λ_H/2)‖H‖² and L(H) = f(W*(H), H), W*(H) the ridge classifier
/// (<see cref="RidgeClassifier"/>), H follows dH/dt = −N ∇L(H) = −(W*ᵀ(W*H − Y) + Nλ_H H) (the envelope theorem gives
/// ∇L = ∂f/∂H at W*). This objective is theirs, (1/(2Kn))‖WH − Y‖² + (λ_W^TB/(2K))‖W‖² + (λ_H^TB/(2Kn))‖H‖², with
/// λ_W^TB = Kλ_W and λ_H^TB = Nλ_H, and their time t. Integrated by explicit Euler steps; Tr Σ_W and Tr Σ_B (class
/// means centred at their mean) are recorded after every step.
/// </summary>
public static class CentralPathFlow
{
    /// <summary>Runs the flow (throws <see cref="InputException"/> on invalid parameters).</summary>
    public static CentralPathTrajectory Run(CentralPathConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int k = config.Classes, d = config.Dim, n = config.Samples;
        if (k < 2 || d < 1 || config.PerClass < 2) throw new InputException("central path: need K ≥ 2, d ≥ 1 and n ≥ 2 (within-class variability)");
        if (!(config.LambdaW > 0) || !(config.LambdaH >= 0) || !(config.TimeStep > 0) || config.Steps < 1 || !(config.InitScale > 0))
            throw new InputException("central path: need λ_W > 0, λ_H ≥ 0, δt > 0, steps ≥ 1 and an init scale > 0");
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = i / config.PerClass;
        var rng = new Random(config.Seed);
        var h = new double[n * d];
        for (var i = 0; i < h.Length; i++) h[i] = config.InitScale * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
        var w = new double[k * d];
        var work = new double[d * d + d];
        var z = new double[k];
        var trW = new double[config.Steps + 1];
        var trB = new double[config.Steps + 1];
        var means = new double[k * d];
        var ridge = config.EffectiveRidge;
        var dt = config.TimeStep;
        for (var t = 0; ; t++)
        {
            (trW[t], trB[t]) = Traces(h, labels, k, d, means);
            if (t == config.Steps) break;
            RidgeClassifier.SolveInto(h, labels, k, d, ridge, w, work);
            // h_i ← h_i − δt (Σ_c w_c (z_ic − δ_c,y_i) + Nλ_H h_i), z_i = W* h_i (rows are independent given W*).
            var decay = 1 - dt * n * config.LambdaH;
            for (var i = 0; i < n; i++)
            {
                var hi = h.AsSpan(i * d, d);
                for (var c = 0; c < k; c++)
                {
                    var s = 0.0;
                    for (var j = 0; j < d; j++) s += w[c * d + j] * hi[j];
                    z[c] = s - (labels[i] == c ? 1 : 0);
                }
                for (var j = 0; j < d; j++)
                {
                    var g = 0.0;
                    for (var c = 0; c < k; c++) g += w[c * d + j] * z[c];
                    hi[j] = decay * hi[j] - dt * g;
                }
            }
        }
        return new CentralPathTrajectory(config, trW, trB, h, labels);
    }

    /// <summary>(Tr Σ_W, Tr Σ_B) with Σ_W = (1/N)Σ(h_i − μ_{y_i})(…)ᵀ and Σ_B = (1/K)Σ_k(μ_k − μ_G)(…)ᵀ.</summary>
    private static (double TraceW, double TraceB) Traces(double[] h, int[] labels, int k, int d, double[] means)
    {
        int n = labels.Length;
        Array.Clear(means);
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < d; j++) means[labels[i] * d + j] += h[i * d + j];
        }
        for (var c = 0; c < k; c++)
            for (var j = 0; j < d; j++) means[c * d + j] /= counts[c];
        double sw = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++)
            {
                var e = h[i * d + j] - means[labels[i] * d + j];
                sw += e * e;
            }
        double sb = 0;
        for (var j = 0; j < d; j++)
        {
            var g = 0.0;
            for (var c = 0; c < k; c++) g += means[c * d + j];
            g /= k;
            for (var c = 0; c < k; c++) sb += (means[c * d + j] - g) * (means[c * d + j] - g);
        }
        return (sw / n, sb / k);
    }
}

/// <summary>A <see cref="CentralPathFlow"/> run: Tr Σ_W and Tr Σ_B after every Euler step (index t ↔ time t·δt).</summary>
/// <param name="Config">The run's parameters.</param>
/// <param name="TraceSigmaW">Tr Σ_W(H_t), t = 0..Steps.</param>
/// <param name="TraceSigmaB">Tr Σ_B(H_t).</param>
/// <param name="FinalFeatures">H at the end (N×d sample-major).</param>
/// <param name="Labels">y_i.</param>
public sealed record CentralPathTrajectory(CentralPathConfig Config, IReadOnlyList<double> TraceSigmaW, IReadOnlyList<double> TraceSigmaB,
    double[] FinalFeatures, int[] Labels)
{
    /// <summary>Flow time of step t.</summary>
    public double Time(int t) => t * Config.TimeStep;

    /// <summary>NC1~ = Tr Σ_W / Tr Σ_B at step t.</summary>
    public double TraceRatio(int t) => TraceSigmaW[t] / TraceSigmaB[t];
}
