using Collapse.Ufm.Model;
using Collapse.Ufm.Trajectories;
using Collapse.Theory.Svm;

namespace Collapse.Ufm.Simulation;

/// <summary>Outcome of a UFM run: the trajectory and the final (W, H, b).</summary>
/// <param name="Config">The configuration that was run.</param>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
/// <param name="Labels">y_i.</param>
/// <param name="Trajectory">Logged rows, log-spaced in the step.</param>
/// <param name="W">Final W (K×d row-major).</param>
/// <param name="H">Final H (N×d sample-major).</param>
/// <param name="B">Final b, or null without bias.</param>
/// <param name="StepSize">Base step size η.</param>
/// <param name="SmoothnessBound">The smoothness bound L of <see cref="Simulation.StepSize"/> at the start (η defaults to 1/L).</param>
/// <param name="Engine">Engine that ran the hot loop.</param>
/// <param name="Svm">Reference SVM (mode b: on the fixed features; otherwise on the final features), null if not separable or not solved.</param>
/// <param name="StepsDone">Steps completed (less than Config.Steps when interrupted).</param>
/// <param name="ElapsedSeconds">Wall time of the stepping loop in this process.</param>
/// <param name="StartStep">Step this process started from (0, or the checkpoint's step when resumed).</param>
public sealed record UfmResult(
    UfmConfig Config, int Classes, int Dim, int[] Labels, IReadOnlyList<TrajectoryRow> Trajectory,
    double[] W, double[] H, double[]? B, double StepSize, double SmoothnessBound, string Engine,
    SvmReference? Svm, long StepsDone, double ElapsedSeconds, long StartStep = 0)
{
    /// <summary>Where the run diverged, or null; a diverged run stops at <see cref="UfmDivergence.LastFiniteStep"/> (= <see cref="StepsDone"/>).</summary>
    public UfmDivergence? Divergence { get; init; }

    /// <summary>True when all configured steps ran.</summary>
    public bool Completed => StepsDone == Config.Steps;

    /// <summary>Steps per second of this process's stepping loop.</summary>
    public double StepsPerSecond => ElapsedSeconds > 0 ? (StepsDone - StartStep) / ElapsedSeconds : double.NaN;

    /// <summary>The last logged row.</summary>
    public TrajectoryRow Final => Trajectory[^1];

    /// <summary>
    /// The last layer at every logged step, aligned with <see cref="Trajectory"/>: W (K×d row-major), or [W b]
    /// (K×(d+1), <see cref="SvmReference.Stack"/>) with a bias. Lets a check measure the trajectory against another
    /// reference direction than the recorded SVM (empty when not recorded).
    /// </summary>
    public IReadOnlyList<double[]> LayerSnapshots { get; init; } = [];
}
