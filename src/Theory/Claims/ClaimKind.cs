namespace Collapse.Theory.Claims;

/// <summary>What sort of statement a claim makes.</summary>
public enum ClaimKind
{
    /// <summary>An exact equality (checked to floating-point tolerance).</summary>
    Identity,
    /// <summary>An inequality that must hold on every instance.</summary>
    Inequality,
    /// <summary>A limit or rate statement, checked through a fit or a sharp finite form.</summary>
    Asymptotic,
    /// <summary>An empirical observation on trained models.</summary>
    Empirical,
    /// <summary>
    /// True by definition (a regression guard such as "p_min is the minimum class-pair margin"): it checks that the code
    /// implements its own definitions consistently, is shown separately in the report and is not counted as evidence.
    /// </summary>
    Definition,
}
