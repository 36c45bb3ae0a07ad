using System.Globalization;
using Collapse.Theory.IO;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Where a run diverged: the first step T at which a parameter block or the data loss stopped being finite
/// (<see cref="DivergenceWatch"/>), the values seen there, and the step sizes that would have been stable. The run's
/// outputs stop at the last finite step T − 1.
/// </summary>
/// <param name="Step">T, the first non-finite step.</param>
/// <param name="Loss">Data loss at step T (NaN or ±∞ when it is the loss that diverged, or when it cannot be evaluated).</param>
/// <param name="NormW">‖W_T‖_F (∞ when its squared norm overflows float64).</param>
/// <param name="NormH">‖H_T‖_F.</param>
/// <param name="NormB">‖b_T‖ (0 without a bias).</param>
/// <param name="StepSize">The base step size η the run used.</param>
/// <param name="StableStepSize">The largest base step size the smoothness bound certifies as stable (<see cref="Simulation.StepSize.StableLimit"/>); NaN when unknown.</param>
/// <param name="DefaultStepSize">The default base step size (1/L, or the loss-normalized default); NaN when unknown.</param>
public sealed record UfmDivergence(long Step, double Loss, double NormW, double NormH, double NormB, double StepSize, double StableStepSize, double DefaultStepSize)
{
    /// <summary>T − 1, the last step whose state is finite (and kept).</summary>
    public long LastFiniteStep => Step - 1;

    /// <summary>"run diverged at step T (loss …, ‖W‖ …, ‖H‖ …)".</summary>
    public string What => $"run diverged at step {Step} (loss {G(Loss)}, ‖W‖ {G(NormW)}, ‖H‖ {G(NormH)}{(NormB != 0 ? $", ‖b‖ {G(NormB)}" : "")})";

    /// <summary>Which step size would have been stable, e.g. "η = 100 is above the stable limit 0.87 (2(1+μ)/L; default η = 1/L = 0.43): lower --lr".</summary>
    public string Advice => double.IsNaN(StableStepSize)
        ? $"η = {G(StepSize)}; lower --lr"
        : StepSize > StableStepSize
            ? $"η = {G(StepSize)} is above the stable limit {G(StableStepSize)} of the smoothness bound (default η = {G(DefaultStepSize)}): lower --lr"
            : $"η = {G(StepSize)} is within the stable limit {G(StableStepSize)} of the smoothness bound at the start, which the run left (default η = {G(DefaultStepSize)}): lower --lr";

    /// <summary>One sentence: <see cref="What"/> and <see cref="Advice"/>.</summary>
    public override string ToString() => $"{What}; {Advice}";

    private static string G(double v) => NumberFormat.Display(v);
}
