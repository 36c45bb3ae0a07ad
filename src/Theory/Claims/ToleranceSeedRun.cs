namespace Collapse.Theory.Claims;

/// <summary>One seed of a <see cref="ToleranceSurvey"/>: the claim's check run with that base seed.</summary>
/// <param name="Seed">The base seed of the run (its cases use <see cref="ClaimContext.CaseSeed"/>).</param>
/// <param name="Verdict">The check's verdict.</param>
/// <param name="Excess">The worst excess of the run (<see cref="ToleranceSurvey.ExcessOf"/>); NaN when unknown.</param>
/// <param name="Tolerance">The tolerance the check used.</param>
/// <param name="InformativeFraction">Informative cases / checked cases; NaN when the claim does not say.</param>
/// <param name="MedianSlack">Median over the cases of tolerance − excess; NaN when the claim does not say.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Detail">The check's one-line detail.</param>
public sealed record ToleranceSeedRun(int Seed, Verdict Verdict, double Excess, double Tolerance, double InformativeFraction,
    double MedianSlack, double Seconds, string Detail);
