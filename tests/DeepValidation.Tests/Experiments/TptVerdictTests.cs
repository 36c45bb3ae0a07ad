using Collapse.DeepValidation.Experiments;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.DeepValidation.Tests.Experiments;

public class TptVerdictTests
{
    private static TptRunSummary Run(int seed, double accStart, double accEnd, double pStart, double pEnd, int? t0 = 5) =>
        new(seed, t0, 20, accStart, accEnd, pStart, pEnd, 0.01, 0.02, 0.3, 0.1);

    private static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public void ConsistentGainsAcrossSeedsHold()
    {
        var v = TptVerdict.Judge([Run(0, 0.90, 0.92, 1, 5), Run(1, 0.91, 0.925, 2, 6), Run(2, 0.90, 0.918, 1, 4)], NoParameters);
        Assert.Equal(Verdict.Holds, v.AccuracyClaim.Verdict);
        Assert.Equal(Verdict.Holds, v.MarginClaim.Verdict);
        Assert.Equal((0.02 + 0.015 + 0.018) / 3, v.TestAccuracyGain.Mean, 12);
        Assert.Contains("3/3 seeds", v.AccuracyClaim.Detail);
    }

    [Fact]
    public void ConsistentLossesFail()
    {
        var v = TptVerdict.Judge([Run(0, 0.92, 0.90, 5, 1), Run(1, 0.93, 0.91, 6, 2), Run(2, 0.92, 0.905, 4, 1)], NoParameters);
        Assert.Equal(Verdict.Fails, v.AccuracyClaim.Verdict);
        Assert.Equal(Verdict.Fails, v.MarginClaim.Verdict);
    }

    [Fact]
    public void MixedSignsAreInconclusive()
    {
        var v = TptVerdict.Judge([Run(0, 0.90, 0.92, 1, 2), Run(1, 0.92, 0.90, 2, 1), Run(2, 0.90, 0.901, 1, 1.5)], NoParameters);
        Assert.Equal(Verdict.Inconclusive, v.AccuracyClaim.Verdict);
    }

    [Fact]
    public void RunsThatNeverInterpolatedAreLeftOutAndOneSeedIsInconclusive()
    {
        var v = TptVerdict.Judge([Run(0, 0.90, 0.95, 1, 9), Run(1, double.NaN, 0.9, double.NaN, 1, t0: null)], NoParameters);
        Assert.Equal(1, v.TestAccuracyGain.Count);
        Assert.Equal(Verdict.Inconclusive, v.AccuracyClaim.Verdict);
        Assert.Contains("1/2 seeds", v.AccuracyClaim.Detail);
    }
}
