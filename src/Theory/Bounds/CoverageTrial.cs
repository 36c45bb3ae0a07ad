namespace Collapse.Theory.Bounds;

/// <summary>One trial of a coverage experiment: the bound evaluated on the training sample and the estimated test error.</summary>
/// <param name="Bound">The bound with its terms.</param>
/// <param name="TestError">0-1 error of the fitted scorer on a fresh sample (the measured quantity the bound bounds).</param>
public sealed record CoverageTrial(BoundEvaluation Bound, double TestError)
{
    /// <summary>Value, measured test error, ratio and slack.</summary>
    public SlackReport Slack => Bound.Against(TestError);
}
