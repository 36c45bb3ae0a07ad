namespace Collapse.Ufm.Engine;

/// <summary>One implementation of the UFM gradient step (managed arrays or TorchSharp tensors).</summary>
internal interface IUfmEngine : IDisposable
{
    /// <summary>Human-readable name (for summaries).</summary>
    string Name { get; }

    /// <summary>
    /// One step θ ← θ + v, v ← μ v − η_t ∇f(θ) (v ≡ −η_t ∇f for μ = 0), with η_t = <paramref name="stepSize"/>(F).
    /// Without <paramref name="needsLoss"/> F is NaN. With it, F is the mean data loss times a common factor e^{−A}
    /// by which the data gradient is scaled as well (CE: A = max_i LSE_{j≠y_i}(z_ij − z_iy_i); MSE: A = 0), so a
    /// schedule η_t ∝ 1/F stays finite after the loss underflows; the regularisation gradients are not scaled, so
    /// a loss-normalized schedule is only meaningful without weight decay.
    /// </summary>
    void Step(Func<double, double> stepSize, bool needsLoss);

    /// <summary>Mean data loss (1/N) Σ ℓ_i at the current point (no regularisation).</summary>
    double DataLoss();

    /// <summary>Copies the current W (K×d), H (N×d sample-major) and b into the given arrays.</summary>
    void Read(double[] w, double[] h, double[]? b);

    /// <summary>Full optimiser state (parameters and velocities).</summary>
    EngineState Export();

    /// <summary>Restores a state produced by <see cref="Export"/>.</summary>
    void Import(EngineState state);
}
