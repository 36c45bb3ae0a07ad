using Collapse.LeSde.Model;

namespace Collapse.LeSde.Experiments;

/// <summary>
/// The Monte-Carlo experiment of the separation phase: the same model run with a fast (ω(1/t)) and a slow (o(1/t))
/// impact schedule, α_t = a·t^{−p}, β_t = b·t^{−p}, from the same seeds (same initial state and Brownian path for both
/// schedules), with the fraction of runs whose classes are all pairwise linearly separable recorded at log-spaced
/// checkpoints. Defaults are the claim's (docs/le-sde.md).
/// </summary>
public sealed record SeparationSettings
{
    /// <summary>K.</summary>
    public int Classes { get; init; } = 3;
    /// <summary>m.</summary>
    public int Dim { get; init; } = 2;
    /// <summary>n, representatives per class.</summary>
    public int PerClass { get; init; } = 20;
    /// <summary>a.</summary>
    public double Intra { get; init; } = 1.0;
    /// <summary>b.</summary>
    public double Inter { get; init; } = 0.5;
    /// <summary>p of the fast schedule (&lt; 1: γ_t = ω(1/t)).</summary>
    public double FastExponent { get; init; } = 0.75;
    /// <summary>p of the slow schedule (&gt; 1: γ_t = o(1/t)).</summary>
    public double SlowExponent { get; init; } = 1.25;
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
    /// <summary>Log-spaced checkpoints in [1, T] (both ends included).</summary>
    public int Checkpoints { get; init; } = 5;
    /// <summary>Monte-Carlo runs per schedule.</summary>
    public int Runs { get; init; } = 40;

    /// <summary>The model of one run with exponent <paramref name="exponent"/> and seed <paramref name="seed"/>.</summary>
    public LeSdeConfig Model(double exponent, int seed) => new()
    {
        Classes = Classes,
        Dim = Dim,
        PerClass = PerClass,
        Schedule = new ImpactSchedule(Intra, Inter, exponent),
        Transform = TransformKind.Identity,
        Noise = Noise,
        StartTime = 1,
        EndTime = Horizon,
        Steps = Steps,
        InitialSeparation = InitialSeparation,
        InitialSpread = InitialSpread,
        Seed = seed,
    };

    /// <summary>Seed of run <paramref name="run"/> under base seed <paramref name="baseSeed"/> (shared by both schedules).</summary>
    public static int RunSeed(int baseSeed, int run) => unchecked(baseSeed * 1_000_003 + run);
}
