using Collapse.DeepValidation.Experiments;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;
using Collapse.Theory.Metrics;
using Xunit;

namespace Collapse.DeepValidation.Tests.Experiments;

public class TestCollapseVerdictTests
{
    private static TestCollapseSummary Run(int seed, double trainFall, double testFall) =>
        new(seed, 1, 30, 1.0, 1.0 / trainFall, 2.0, 2.0 / testFall, 0.1, 0.5);

    private static readonly Dictionary<string, string> NoParameters = new();

    [Fact]
    public void TransferIsTheFractionOfTheTrainCollapseInDecades()
    {
        var r = Run(1, 100, 10);
        Assert.Equal(0.5, r.Transfer, 12);
        Assert.Equal(20, r.FinalGap, 12);
        Assert.True(double.IsNaN(Run(1, 0.5, 2).Transfer)); // no train collapse to follow
    }

    [Fact]
    public void TestNc1ThatStaysPutHoldsAndOneThatFollowsFails()
    {
        var stays = TestCollapseVerdict.Judge("x", [Run(1, 10, 1.1), Run(2, 12, 0.9), Run(3, 9, 1.2)], NoParameters, 1);
        Assert.True(stays.Verdict == Verdict.Holds, stays.Detail);
        Assert.Contains("does NOT follow", stays.Detail);
        var follows = TestCollapseVerdict.Judge("x", [Run(1, 10, 9), Run(2, 12, 12), Run(3, 9, 8)], NoParameters, 1);
        Assert.True(follows.Verdict == Verdict.Fails, follows.Detail);
        Assert.Contains("seed 3", follows.Detail);
    }

    [Fact]
    public void TooFewSeedsWithTrainCollapseAreInconclusive()
    {
        var r = TestCollapseVerdict.Judge("x", [Run(1, 10, 1), Run(2, 1.1, 1)], NoParameters, 1, missing: [3]);
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("only 1 seed", r.Detail);
        Assert.Contains("seeds 3 never reached 100% train accuracy", r.Detail);
    }

    [Fact]
    public void TheTrainSeriesAsHeldOutFollowsExactly()
    {
        // The claims' falsifier: the held-out series replaced by the train series gives τ = 1 for every seed.
        var records = Enumerable.Range(1, 3).Select(e => Record(e, 1.0 / (e * e), 3.0)).ToList();
        var s = TestCollapseSummary.Of(7, records, heldOutIsTrain: true)!;
        Assert.Equal(1.0, s.Transfer, 12);
        var real = TestCollapseSummary.Of(7, records)!;
        Assert.Equal(0.0, real.Transfer, 12);
        var fromTwo = TestCollapseSummary.Of(7, records, startEpoch: 2)!;
        Assert.Equal(2, fromTwo.FirstEpoch);
        Assert.Equal(9.0 / 4.0, fromTwo.TrainFall, 12);
    }

    private static EpochRecord Record(int epoch, double trainNc1, double heldOutNc1) => new()
    {
        Epoch = epoch,
        LearningRate = 0.1,
        BatchLoss = 1,
        EpochSeconds = 0,
        Train = new MetricReport
        {
            Classes = 2,
            Samples = 4,
            Dim = 2,
            Nc1 = trainNc1,
            Nc1TraceRatio = trainNc1,
            Cdnv = trainNc1,
            EquinormMeans = 0,
            Equiangularity = 0,
            MaxAngle = 0,
            EtfGramError = 0,
            NccAccuracy = 1,
        },
        TestAgainstTrainMeans = new HeldOutCollapseReport(heldOutNc1, heldOutNc1, heldOutNc1, 0.9),
    };
}
