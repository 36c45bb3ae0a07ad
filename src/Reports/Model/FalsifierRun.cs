using Collapse.Theory.Claims;

namespace Collapse.Reports.Model;

/// <summary>One falsifier of a falsify-mode report: its outcome and the command that replays it.</summary>
/// <param name="Outcome">The falsifier, the claim's result under its overrides, whether it was caught, the wall time.</param>
/// <param name="Replay">The <c>collapse check</c> command line that replays exactly this falsified check.</param>
public sealed record FalsifierRun(FalsifierOutcome Outcome, string Replay)
{
    /// <summary>The falsifier run.</summary>
    public Falsifier Falsifier => Outcome.Falsifier;

    /// <summary>True iff the claim's check reported Fails under the falsifier.</summary>
    public bool Caught => Outcome.Caught;
}
