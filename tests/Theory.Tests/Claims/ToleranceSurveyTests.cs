using Collapse.Theory.Claims;
using Collapse.Theory.Claims.Etf;
using Xunit;

namespace Collapse.Theory.Tests.Claims;

/// <summary>The tolerance survey: worst excess over seeds, headroom conventions, excess of results without statistics.</summary>
public class ToleranceSurveyTests
{
    private static ToleranceSeedRun RunOf(int seed, double excess, double tolerance, Verdict verdict = Verdict.Holds) =>
        new(seed, verdict, excess, tolerance, double.NaN, double.NaN, 0.1, "");

    [Fact]
    public void HeadroomIsToleranceOverTheWorstExcessOfAllSeeds()
    {
        var row = new ToleranceSurveyRow("x", ClaimKind.Identity, 20, [RunOf(1, 1e-14, 1e-11), RunOf(2, 4e-14, 1e-11), RunOf(3, 2e-14, 1e-11)]);
        Assert.Equal(4e-14, row.WorstExcess);
        Assert.Equal(2, row.WorstSeed);
        Assert.Equal(250, row.Headroom, 1e-9);
        Assert.Equal(3, row.Holds);
    }

    [Fact]
    public void HeadroomConventions()
    {
        Assert.Equal(double.PositiveInfinity, new ToleranceSurveyRow("x", ClaimKind.Inequality, 20, [RunOf(1, -0.5, 0)]).Headroom);
        Assert.Equal(0, new ToleranceSurveyRow("x", ClaimKind.Inequality, 20, [RunOf(1, 1e-3, 0, Verdict.Fails)]).Headroom);
        Assert.True(double.IsNaN(new ToleranceSurveyRow("x", ClaimKind.Inequality, 20, [RunOf(1, double.NaN, double.NaN, Verdict.Inconclusive)]).Headroom));
    }

    [Fact]
    public void SurveyOfARealClaimUsesItsReportedWorstExcess()
    {
        var claim = new EtfGramClaim();
        var row = ToleranceSurvey.Run(claim, [1, 2], 5);
        Assert.Equal(2, row.Runs.Count);
        foreach (var run in row.Runs)
        {
            var result = claim.Check(new ClaimContext(new Dictionary<string, string>(), 5, run.Seed));
            Assert.Equal(result.Cases!.WorstExcess, run.Excess);
            Assert.Equal(Math.Abs(result.Measured - result.Expected), run.Excess, 1e-300);
        }
        Assert.True(row.Headroom > 3);
    }

    [Fact]
    public void ExcessWithoutStatisticsFollowsTheKindConvention()
    {
        var r = new ClaimResult("x", new Dictionary<string, string>(), 2, 3, 0.1, Verdict.Holds, 1, "");
        Assert.Equal(1, ToleranceSurvey.ExcessOf(r, ClaimKind.Identity));
        Assert.Equal(-1, ToleranceSurvey.ExcessOf(r, ClaimKind.Asymptotic));
    }

    [Fact]
    public void BadParametersAreInputExceptions() =>
        Assert.Throws<InputException>(() => ToleranceSurvey.Run(new EtfGramClaim(), [1], 5, new Dictionary<string, string> { ["typo"] = "1" }));
}
