using System.Globalization;
using Collapse.LeSde.Model;

namespace Collapse.LeSde.Simulation;

/// <summary>
/// Where an LE-SDE run diverged: the first Euler–Maruyama step T whose state is not finite in float64 (an entry is
/// ±∞/NaN, or ‖F̃‖_F² overflows — the NC metrics need the squared norms; so ‖F̃‖ ≳ e^354.9), with the last finite state (step T − 1)
/// and why it happened, estimated from the impact matrix E_t = (α_t − β_t)I + β_t 11ᵀ, whose eigenvalues are
/// λ₁ r(t) = (a − b) r(t) and λ₂ r(t) = (a + (K−1)b) r(t). Either the solution itself outgrows float64 (it grows like
/// exp(max λ · ∫r), so a growth exponent near 354.9 overflows), or a negative eigenvalue makes the explicit step unstable (dt·|λ|·r(t0) &gt; 2).
/// </summary>
/// <param name="Step">T, the first non-finite step.</param>
/// <param name="Time">t at step T.</param>
/// <param name="Norm">‖F̃_T‖_F (∞ or NaN).</param>
/// <param name="LastFiniteNorm">‖F̃_{T−1}‖_F.</param>
/// <param name="GrowthExponent">max{λ₁, λ₂}·∫_{t0}^{t_T} r(s) ds: ln of the growth factor of the drift up to step T.</param>
/// <param name="StepStability">dt·|min{λ₁, λ₂}|·r(t0) when min{λ₁, λ₂} &lt; 0 (the step is unstable above 2); otherwise 0.</param>
/// <param name="StableSteps">The smallest step count with StepStability ≤ 2 (the current count when it is already stable).</param>
public sealed record LeSdeDivergence(int Step, double Time, double Norm, double LastFiniteNorm, double GrowthExponent, double StepStability, long StableSteps)
{
    /// <summary>ln √(double.MaxValue) ≈ 354.9: a state grown by more than e^354.9 has a squared norm beyond float64.</summary>
    public static readonly double OverflowExponent = 0.5 * Math.Log(double.MaxValue);

    /// <summary>T − 1, the last step whose state is finite (and kept).</summary>
    public int LastFiniteStep => Step - 1;

    /// <summary>"run diverged at step T (t = …, ‖F̃‖ …)".</summary>
    public string What => $"run diverged at step {Step} (t = {G(Time)}, ‖F̃‖ {G(Norm)})";

    /// <summary>What would have avoided it, naming the flags.</summary>
    public string Advice => GrowthExponent >= OverflowExponent - 10
        ? $"the drift grows F̄ like exp(max(a−b, a+(K−1)b)·∫r dt) = e^{G(GrowthExponent)} by t = {G(Time)}, beyond what float64 can square (e^{G(OverflowExponent)}): lower --alpha/--beta or --horizon, or raise --rate-exponent"
        : StepStability > 2
            ? $"the step dt·|min(a−b, a+(K−1)b)|·r(t0) = {G(StepStability)} is above 2, where Euler–Maruyama is unstable for a negative impact eigenvalue: raise --steps to at least {StableSteps}"
            : $"growth exponent {G(GrowthExponent)}, step {G(StepStability)} (stable ≤ 2): lower --alpha/--beta, --noise or --horizon";

    /// <summary>One sentence: <see cref="What"/> and <see cref="Advice"/>.</summary>
    public override string ToString() => $"{What}; {Advice}";

    /// <summary>The divergence of <paramref name="config"/> at step <paramref name="step"/>.</summary>
    public static LeSdeDivergence Of(LeSdeConfig config, int step, double norm, double lastFiniteNorm)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = config.Schedule;
        double l1 = s.Intra - s.Inter, l2 = s.Intra + (config.Classes - 1) * s.Inter;
        var time = config.StartTime + step * config.StepSize;
        var growth = Math.Max(l1, l2) * s.IntegratedRate(config.StartTime, time);
        var lowest = Math.Min(l1, l2);
        var stiffness = lowest < 0 ? -lowest * s.Rate(config.StartTime) : 0;
        var stability = config.StepSize * stiffness;
        var stableSteps = stability > 2 ? (long)Math.Ceiling((config.EndTime - config.StartTime) * stiffness / 2) : config.Steps;
        return new LeSdeDivergence(step, time, norm, lastFiniteNorm, growth, stability, stableSteps);
    }

    private static string G(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("G4", CultureInfo.InvariantCulture);
}
