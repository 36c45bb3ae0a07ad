namespace Collapse.Ufm.Model;

/// <summary>How the step size evolves along the run.</summary>
public enum StepSchedule
{
    /// <summary>Fixed step η (plain GD or heavy-ball momentum).</summary>
    Fixed,
    /// <summary>
    /// Loss-normalized step η_t = η · F(θ_0)/F(θ_t) with F the mean data loss, so the step grows as the loss falls
    /// (normalized GD, Nacson, Lee, Gunasekar, Savarese, Srebro, Soudry 2019, AISTATS, "Convergence of gradient
    /// descent on separable data"). Reaches the max-margin direction much faster than a fixed step.
    /// </summary>
    Normalized,
}
