using Collapse.LeSde.Model;

namespace Collapse.LeSde.Experiments;

/// <summary>
/// One run of the ETF experiment: K classes in R^K with the blocks T_ij = d_i d_jᵀ/‖d_j‖² (or a deliberately wrong
/// <see cref="Transform"/>), α_t = a·t^{−p}, β_t = b·t^{−p} (a &gt; b &gt; 0), σ-noise; the ETF error of the normalised
/// representatives is recorded at log-spaced checkpoints. Defaults are the claim's (docs/le-sde.md).
/// </summary>
public sealed record EtfSettings
{
    /// <summary>K (= m).</summary>
    public int Classes { get; init; } = 4;
    /// <summary>n, representatives per class.</summary>
    public int PerClass { get; init; } = 10;
    /// <summary>a.</summary>
    public double Intra { get; init; } = 1.0;
    /// <summary>b.</summary>
    public double Inter { get; init; } = 0.5;
    /// <summary>p.</summary>
    public double Exponent { get; init; } = 0.75;
    /// <summary>The blocks (the statement's: <see cref="TransformKind.Etf"/>).</summary>
    public TransformKind Transform { get; init; } = TransformKind.Etf;
    /// <summary>σ.</summary>
    public double Noise { get; init; } = 1.0;
    /// <summary>T.</summary>
    public double Horizon { get; init; } = 400;
    /// <summary>Euler–Maruyama steps.</summary>
    public int Steps { get; init; } = 2000;
    /// <summary>s.</summary>
    public double InitialSeparation { get; init; } = 1.0;
    /// <summary>τ.</summary>
    public double InitialSpread { get; init; } = 0.5;
    /// <summary>Log-spaced checkpoints in [1, T].</summary>
    public int Checkpoints { get; init; } = 9;

    /// <summary>The model of the run with seed <paramref name="seed"/>.</summary>
    public LeSdeConfig Model(int seed) => new()
    {
        Classes = Classes,
        Dim = Classes,
        PerClass = PerClass,
        Schedule = new ImpactSchedule(Intra, Inter, Exponent),
        Transform = Transform,
        Noise = Noise,
        StartTime = 1,
        EndTime = Horizon,
        Steps = Steps,
        InitialSeparation = InitialSeparation,
        InitialSpread = InitialSpread,
        Seed = seed,
    };
}
