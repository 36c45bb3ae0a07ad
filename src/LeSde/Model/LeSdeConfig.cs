using Collapse.Theory;

namespace Collapse.LeSde.Model;

/// <summary>
/// One locally-elastic SDE simulation: K classes of n representatives in R^m, each following
/// dF̃_t = (M_t F̄_t) dt + Σ_t^{1/2} dW_t on [t0, T] (Euler–Maruyama, <see cref="Steps"/> equal steps), where F̄_t are
/// the class means of the simulated representatives and Σ_t = σ² I (our choice). See docs/le-sde.md.
/// </summary>
public sealed record LeSdeConfig
{
    /// <summary>K ≥ 2.</summary>
    public int Classes { get; init; } = 3;

    /// <summary>m, the feature dimension (must equal K for <see cref="TransformKind.Etf"/>).</summary>
    public int Dim { get; init; } = 2;

    /// <summary>n, representatives simulated per class (one SDE each).</summary>
    public int PerClass { get; init; } = 20;

    /// <summary>α_t, β_t and their rate.</summary>
    public ImpactSchedule Schedule { get; init; } = new(1.0, 0.5, 0.75);

    /// <summary>The blocks T_ij.</summary>
    public TransformKind Transform { get; init; } = TransformKind.Identity;

    /// <summary>σ: Σ_t = σ² I for every t (our choice: constant isotropic noise, as SGD noise at a constant learning rate).</summary>
    public double Noise { get; init; } = 1.0;

    /// <summary>t0 &gt; 0, the start time (r(t0) = t0^{−p}).</summary>
    public double StartTime { get; init; } = 1.0;

    /// <summary>T &gt; t0, the horizon.</summary>
    public double EndTime { get; init; } = 400.0;

    /// <summary>Euler–Maruyama steps over [t0, T] (dt = (T − t0)/steps).</summary>
    public int Steps { get; init; } = 4000;

    /// <summary>s: the initial class means are μ_k ~ N(0, s² I_m).</summary>
    public double InitialSeparation { get; init; } = 1.0;

    /// <summary>τ: the initial representatives are μ_k + τ·N(0, I_m).</summary>
    public double InitialSpread { get; init; } = 0.5;

    /// <summary>Seed of the initial state and the Brownian increments.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Validates every field; throws <see cref="InputException"/> naming the CLI flag.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new InputException(message); }
        static bool Finite(double v) => double.IsFinite(v);
        Require(Classes >= 2, $"--classes {Classes}: must be at least 2");
        Require(Dim >= 1, $"--dim {Dim}: must be at least 1");
        Require(PerClass >= 1, $"--per-class {PerClass}: must be at least 1");
        Require((long)Classes * PerClass * Dim <= 50_000_000, $"--classes × --per-class × --dim = {(long)Classes * PerClass * Dim}: too large (at most 5e7 state entries)");
        Require(Finite(Schedule.Intra), $"--alpha {Schedule.Intra}: must be finite");
        Require(Finite(Schedule.Inter), $"--beta {Schedule.Inter}: must be finite");
        Require(Finite(Schedule.Exponent) && Schedule.Exponent >= 0, $"--rate-exponent {Schedule.Exponent}: must be finite and non-negative");
        Require(Finite(Noise) && Noise >= 0, $"--noise {Noise}: must be finite and non-negative");
        Require(Finite(StartTime) && StartTime > 0, $"--t0 {StartTime}: must be positive");
        Require(Finite(EndTime) && EndTime > StartTime, $"--horizon {EndTime}: must be greater than --t0 {StartTime}");
        Require(Steps >= 1, $"--steps {Steps}: must be at least 1");
        Require(Finite(InitialSeparation) && InitialSeparation >= 0, $"--init-separation {InitialSeparation}: must be finite and non-negative");
        Require(Finite(InitialSpread) && InitialSpread >= 0, $"--init-spread {InitialSpread}: must be finite and non-negative");
        _ = new TransformBlocks(Transform, Classes, Dim); // dimension requirements of the blocks
    }

    /// <summary>dt = (T − t0)/steps.</summary>
    public double StepSize => (EndTime - StartTime) / Steps;
}
