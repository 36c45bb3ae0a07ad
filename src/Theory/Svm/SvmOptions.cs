namespace Collapse.Theory.Svm;

/// <summary>Settings of <see cref="MulticlassSvm"/> and <see cref="SvmFiles"/>.</summary>
public sealed record SvmOptions
{
    /// <summary>The solver; <see cref="SvmMethod.ActiveSet"/> unless asked otherwise.</summary>
    public SvmMethod Method { get; init; } = SvmMethod.ActiveSet;

    /// <summary>
    /// Whether to finish with the KKT polish (solve the KKT system on the identified active set by QR, drop negative
    /// multipliers, add violated constraints, repeat). Off only to measure a solver on its own.
    /// </summary>
    public bool Polish { get; init; } = true;

    /// <summary>PDLP's relative and absolute optimality tolerance (<c>eps_optimal_relative/absolute</c>).</summary>
    public double PdlpTolerance { get; init; } = 1e-8;

    /// <summary>PDLP's wall-clock limit in seconds.</summary>
    public double PdlpTimeLimitSeconds { get; init; } = 120;

    /// <summary>
    /// Optional warm start of the active-set method: constraint slots a = i·K + j (j ≠ y_i, the layout of
    /// <see cref="SvmSolution.Lambda"/>) to start Lawson–Hanson from, e.g. the support of a nearby problem's solution
    /// (the same samples one training epoch earlier). Only a starting guess: the solution and its certificate do not
    /// depend on it (up to rounding). Ignored by <see cref="SvmMethod.Pdlp"/>; null or empty = a cold start.
    /// </summary>
    public IReadOnlyList<int>? WarmStart { get; init; }

    /// <summary>The defaults: active set with polish.</summary>
    public static SvmOptions Default { get; } = new();
}
