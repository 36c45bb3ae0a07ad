using System.Globalization;
using Collapse.Theory;

namespace Collapse.Ufm.Model;

/// <summary>
/// Everything that defines one UFM run. The objective (docs/ufm.md) is
/// f(W, H, b) = (1/N) Σ_i ℓ(W h_i + b, y_i) + (λ_W/2)‖W‖_F² + (λ_H/2)‖H‖_F² + (λ_b/2)‖b‖²
/// (the normalisation of Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021, NeurIPS).
/// </summary>
public sealed record UfmConfig
{
    /// <summary>Number of classes K (ignored when features are loaded: taken from the labels).</summary>
    public int Classes { get; init; } = 4;
    /// <summary>Feature dimension d (ignored when features are loaded).</summary>
    public int Dim { get; init; } = 8;
    /// <summary>Samples per (majority) class n.</summary>
    public int PerClass { get; init; } = 10;
    /// <summary>
    /// Imbalance ratio R = n_majority/n_minority ≥ 1 (step imbalance of Fang et al. 2021: classes 0..⌈K/2⌉−1 keep n
    /// samples, the others get max(1, round(n/R))). 1 means balanced.
    /// </summary>
    public double Imbalance { get; init; } = 1;
    /// <summary>Loss function.</summary>
    public UfmLoss Loss { get; init; } = UfmLoss.CrossEntropy;
    /// <summary>Weight decay λ_W on the classifier.</summary>
    public double LambdaW { get; init; }
    /// <summary>Weight decay λ_H on the features.</summary>
    public double LambdaH { get; init; }
    /// <summary>Weight decay λ_b on the bias.</summary>
    public double LambdaB { get; init; }
    /// <summary>Whether a bias b ∈ R^K is used (and trained).</summary>
    public bool Bias { get; init; }
    /// <summary>Which blocks are trained.</summary>
    public UfmMode Mode { get; init; } = UfmMode.Joint;
    /// <summary>Number of optimiser steps T.</summary>
    public long Steps { get; init; } = 10_000;
    /// <summary>Step size η; null = the default 1/L from a smoothness bound (see <see cref="Simulation.StepSize"/>).</summary>
    public double? LearningRate { get; init; }
    /// <summary>Heavy-ball momentum μ ∈ [0, 1) (0 = plain GD).</summary>
    public double Momentum { get; init; }
    /// <summary>Step-size schedule.</summary>
    public StepSchedule Schedule { get; init; } = StepSchedule.Fixed;
    /// <summary>Seed of the initialisation and of generated features.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Standard deviation of the i.i.d. Gaussian initialisation of the trained W and H entries (b starts at 0).</summary>
    public double InitScale { get; init; } = 0.1;
    /// <summary>Spread of the generated class means in mode (b) without a features file: μ_k ~ N(0, s² I), h_i = μ_{y_i} + N(0, I).</summary>
    public double FeatureSeparation { get; init; } = 1.0;
    /// <summary>Mode (c): null = the standard simplex ETF with identity labelling; a seed = a random rotation and label permutation.</summary>
    public int? EtfSeed { get; init; }
    /// <summary>Float type of the simulation.</summary>
    public UfmPrecision Precision { get; init; } = UfmPrecision.Float64;
    /// <summary>Device: "cpu" or "cuda" (CUDA needs a CUDA build of TorchSharp).</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Hot-loop implementation.</summary>
    public UfmEngineKind Engine { get; init; } = UfmEngineKind.Auto;
    /// <summary>Mode (b): features .npy (N×d) to load instead of generating them.</summary>
    public string? FeaturesPath { get; init; }
    /// <summary>Mode (b): labels .npy (N) belonging to <see cref="FeaturesPath"/>.</summary>
    public string? LabelsPath { get; init; }
    /// <summary>When to solve the reference SVM (mode b: on the fixed features; otherwise on the final features).</summary>
    public SvmPolicy Svm { get; init; } = SvmPolicy.Auto;
    /// <summary>Logged steps per decade (log-spaced; step 0 and the last step are always logged).</summary>
    public int LogPointsPerDecade { get; init; } = 10;

    /// <summary>Per-class sample counts n_k implied by <see cref="PerClass"/> and <see cref="Imbalance"/>.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        var majority = (Classes + 1) / 2;
        for (var k = 0; k < Classes; k++)
            counts[k] = k < majority ? PerClass : Math.Max(1, (int)Math.Round(PerClass / Imbalance, MidpointRounding.AwayFromZero));
        return counts;
    }

    /// <summary>The most entries K·n·d of the simulated features H (1e8 doubles, 800 MB).</summary>
    public const long MaxFeatureEntries = 100_000_000;

    /// <summary>Throws <see cref="InputException"/> naming the offending flag when the configuration is unusable.</summary>
    public void Validate()
    {
        var loaded = FeaturesPath is not null;
        if (loaded && Mode != UfmMode.FixedFeatures)
            throw new InputException("--features: a features file is only used with --mode fixed-features");
        if ((FeaturesPath is null) != (LabelsPath is null))
            throw new InputException(FeaturesPath is null ? "--labels: needs --features as well" : "--features: needs --labels as well");
        if (!loaded)
        {
            if (Classes < 2) throw new InputException($"--classes {Classes}: need at least 2 classes");
            if (Dim < 1) throw new InputException($"--dim {Dim}: must be at least 1");
            if (PerClass < 1) throw new InputException($"--per-class {PerClass}: must be at least 1");
            if ((long)Classes * PerClass * Dim > MaxFeatureEntries)
                throw new InputException($"--classes × --per-class × --dim = {(long)Classes * PerClass * Dim}: too large (at most {MaxFeatureEntries:0.#e0} feature entries, "
                    + $"{MaxFeatureEntries * 8 / 1_000_000} MB of doubles)");
        }
        if (!(Imbalance >= 1) || double.IsInfinity(Imbalance)) throw new InputException($"--imbalance {Fmt(Imbalance)}: must be a finite ratio ≥ 1");
        if (!(LambdaW >= 0) || double.IsInfinity(LambdaW)) throw new InputException($"--lambda-w {Fmt(LambdaW)}: must be finite and ≥ 0");
        if (!(LambdaH >= 0) || double.IsInfinity(LambdaH)) throw new InputException($"--lambda-h {Fmt(LambdaH)}: must be finite and ≥ 0");
        if (!(LambdaB >= 0) || double.IsInfinity(LambdaB)) throw new InputException($"--lambda-b {Fmt(LambdaB)}: must be finite and ≥ 0");
        if (LambdaB > 0 && !Bias) throw new InputException("--lambda-b: needs --bias");
        if (Steps < 0) throw new InputException($"--steps {Steps}: must be ≥ 0");
        if (LearningRate is { } lr && (!(lr > 0) || double.IsInfinity(lr))) throw new InputException($"--lr {Fmt(lr)}: must be finite and > 0");
        if (!(Momentum >= 0 && Momentum < 1)) throw new InputException($"--momentum {Fmt(Momentum)}: must be in [0, 1)");
        if (!(InitScale >= 0) || double.IsInfinity(InitScale)) throw new InputException($"--init-scale {Fmt(InitScale)}: must be finite and ≥ 0");
        if (!(FeatureSeparation >= 0) || double.IsInfinity(FeatureSeparation)) throw new InputException($"--separation {Fmt(FeatureSeparation)}: must be finite and ≥ 0");
        if (Mode == UfmMode.FixedEtf && !loaded && Dim < Classes - 1)
            throw new InputException($"--dim {Dim}: a simplex ETF of {Classes} classes needs d ≥ K−1 = {Classes - 1}");
        if (Mode == UfmMode.FixedEtf && LambdaW > 0) throw new InputException("--lambda-w: W is fixed in --mode fixed-etf");
        if (Mode == UfmMode.FixedFeatures && LambdaH > 0) throw new InputException("--lambda-h: H is fixed in --mode fixed-features");
        if (Schedule == StepSchedule.Normalized && Loss != UfmLoss.CrossEntropy)
            throw new InputException("--schedule normalized: needs --loss ce (the loss-normalized step targets exponentially-tailed losses)");
        if (Schedule == StepSchedule.Normalized && (LambdaW > 0 || LambdaH > 0 || LambdaB > 0))
            throw new InputException("--schedule normalized: not defined with weight decay (use λ = 0)");
        if (Device is not ("cpu" or "cuda")) throw new InputException($"--device {Device}: must be cpu or cuda");
        if (Engine == UfmEngineKind.Managed && Device != "cpu")
            throw new InputException("--engine managed: runs on the CPU only");
        if (LogPointsPerDecade < 1 || LogPointsPerDecade > 1000) throw new InputException($"--log-per-decade {LogPointsPerDecade}: must be in 1..1000");
    }

    private static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
