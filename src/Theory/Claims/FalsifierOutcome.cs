namespace Collapse.Theory.Claims;

/// <summary>The outcome of running one falsifier (<see cref="Falsification.Run"/>).</summary>
/// <param name="Falsifier">The falsifier run.</param>
/// <param name="Result">The claim's own check, run with the falsifier's overrides.</param>
/// <param name="Caught">True iff <paramref name="Result"/>'s verdict is <see cref="Verdict.Fails"/> (Holds or Inconclusive: not caught).</param>
/// <param name="WallSeconds">Wall time of the check.</param>
public sealed record FalsifierOutcome(Falsifier Falsifier, ClaimResult Result, bool Caught, double WallSeconds);
