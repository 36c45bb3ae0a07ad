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

    /// <summary>The defaults: active set with polish.</summary>
    public static SvmOptions Default { get; } = new();
}
