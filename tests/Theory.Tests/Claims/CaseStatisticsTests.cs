using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Theory.Tests.Claims;

/// <summary>RunCases aggregates the cases into CaseStatistics; uncertifiable instances make the verdict Inconclusive.</summary>
public class CaseStatisticsTests
{
    /// <summary>Case i (from seed) has measured = i/10 against bound 1, informative iff i is even; i = 3 is skipped, i = 99 throws.</summary>
    private sealed class Scripted(ClaimKind kind, Func<int, CaseOutcome> make) : TheoryClaim
    {
        public override ClaimInfo Info { get; } = new("scripted", kind) { Title = "t", Statement = "s", Source = "src" };
        protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => RunCases(p, context, 0, make);
    }

    private static ClaimContext Ctx(int cases) => new(new Dictionary<string, string>(), cases, 0);

    private static CaseOutcome Bounded(int seed)
    {
        if (seed == 3) return CaseOutcome.Skip("precondition");
        return CaseOutcome.AtMost(seed / 10.0, 1, $"case {seed}") with { Tightness = seed / 10.0, Informative = seed % 2 == 0 };
    }

    [Fact]
    public void InequalityCasesGiveCheckedSkippedInformativeTightnessAndSlack()
    {
        var r = new Scripted(ClaimKind.Inequality, Bounded).Check(Ctx(6)); // seeds 0..5, 3 skipped
        Assert.Equal(Verdict.Holds, r.Verdict);
        var c = r.Cases!;
        Assert.Equal(5, c.Checked);
        Assert.Equal(1, c.Skipped);
        Assert.Equal(3, c.Informative); // 0, 2, 4
        Assert.Equal(0.6, c.InformativeFraction, 12);
        Assert.Equal(0.2, c.MedianTightness, 12); // median of 0, .1, .2, .4, .5
        Assert.Equal(0.8, c.MedianSlack, 12);     // median of 1 − those
    }

    [Fact]
    public void IdentityCasesReportOnlyCheckedAndSkipped()
    {
        var c = new Scripted(ClaimKind.Identity, Bounded).Check(Ctx(6)).Cases!;
        Assert.Equal((5, 1), (c.Checked, c.Skipped));
        Assert.Null(c.Informative);
        Assert.True(double.IsNaN(c.MedianTightness) && double.IsNaN(c.MedianSlack) && double.IsNaN(c.InformativeFraction));
    }

    [Fact]
    public void ClaimsThatDoNotSayHaveNoInformativeCount()
    {
        var c = new Scripted(ClaimKind.Inequality, s => CaseOutcome.AtMost(0, 1, "x")).Check(Ctx(4)).Cases!;
        Assert.Null(c.Informative);
        Assert.True(double.IsNaN(c.MedianTightness));
        Assert.Equal(1, c.MedianSlack);
    }

    [Fact]
    public void AFailingCheckStopsAtItsFalsifyingCaseAndCountsIt()
    {
        var r = new Scripted(ClaimKind.Inequality, s => CaseOutcome.AtMost(s, 1.5, "x")).Check(Ctx(10)); // seed 2 falsifies
        Assert.Equal(Verdict.Fails, r.Verdict);
        Assert.Equal(3, r.Cases!.Checked);
    }

    [Fact]
    public void AnInstanceThatCannotBeEvaluatedMakesTheClaimInconclusiveWithTheReason()
    {
        var r = new Scripted(ClaimKind.Inequality, s => s == 1 ? throw new InputException("features: the margin is too small to certify") : CaseOutcome.AtMost(0, 1, "x"))
            .Check(Ctx(4));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("case 1 of 4 (seed 1) could not be evaluated: features: the margin is too small to certify", r.Detail);
        Assert.Equal(3, r.Cases!.Checked);
    }

    [Fact]
    public void AFalsifyingCaseStillWinsOverAnUnevaluatedOne()
    {
        var r = new Scripted(ClaimKind.Inequality, s => s == 0 ? throw new InputException("uncertifiable") : CaseOutcome.AtMost(2, 1, "x")).Check(Ctx(4));
        Assert.Equal(Verdict.Fails, r.Verdict);
        Assert.Equal(1, r.Seed);
    }

    [Fact]
    public void MedianIgnoresNonFiniteValues()
    {
        Assert.Equal(2, CaseStatistics.Median([3, double.NaN, 1, double.PositiveInfinity, 2]));
        Assert.Equal(1.5, CaseStatistics.Median([1, 2]));
        Assert.True(double.IsNaN(CaseStatistics.Median([double.NaN])));
    }
}
