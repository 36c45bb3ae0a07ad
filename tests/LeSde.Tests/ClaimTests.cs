using Collapse.LeSde.Claims;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Tests;

public class ClaimTests
{
    private static ClaimContext Context(int cases = 10, params (string Name, string Value)[] overrides) =>
        new(overrides.ToDictionary(o => o.Name, o => o.Value), cases, 1);

    [Fact]
    public void SeparationPhaseHoldsOnBothSidesOfTheBoundary()
    {
        var r = new SeparationPhaseClaim().Check(Context());
        Assert.True(r.Verdict == Verdict.Holds, r.Detail);
        Assert.Contains("p = 0.75", r.Detail);
        Assert.Contains("p = 1.25", r.Detail);
    }

    [Theory]
    [InlineData("0.5")] // the boundary at t^(−1/2): the ω(1/t) schedule p = 0.75 would have to fail to separate
    [InlineData("1.5")] // the boundary at t^(−3/2): the o(1/t) schedule p = 1.25 would have to separate
    public void SeparationPhaseCatchesAMisplacedBoundary(string boundary)
    {
        var r = new SeparationPhaseClaim().Check(Context(10, ("boundaryExponent", boundary)));
        Assert.True(r.Verdict == Verdict.Fails, r.Detail);
    }

    [Fact]
    public void EtfClaimHoldsAndItsPlotShowsTheDecay()
    {
        var e = new LeSdeEtfClaim().CheckWithEvidence(Context(5));
        Assert.True(e.Result.Verdict == Verdict.Holds, e.Result.Detail);
        Assert.True(e.Result.Measured <= LeSdeEtfClaim.Threshold);
        Assert.Single(e.Plots);
    }

    [Theory]
    [InlineData("transform", "orthonormal")]
    [InlineData("exponent", "1.25")]
    public void EtfClaimCatchesTheWrongBlocksAndTheSlowSchedule(string name, string value)
    {
        var r = new LeSdeEtfClaim().Check(Context(5, (name, value)));
        Assert.True(r.Verdict == Verdict.Fails, r.Detail);
    }

    [Theory]
    [InlineData("le-sde-separation-phase")]
    [InlineData("le-sde-etf")]
    public void DeclaredFalsifiersAreCaughtByTheClaimsOwnCheck(string id)
    {
        var claim = LeSdeClaims.All().Single(c => c.Id == id);
        Assert.Equal(2, claim.Info.Falsifiers.Count);
        foreach (var outcome in Falsification.RunAll(claim, Context(3)))
            Assert.True(outcome.Caught, $"{outcome.Falsifier.Name}: {outcome.Result.Verdict} {outcome.Result.Detail}");
    }

    [Fact]
    public void EtfClaimRecordsInformativeCasesAndTightness()
    {
        var r = new LeSdeEtfClaim().Check(Context(4));
        Assert.NotNull(r.Cases);
        Assert.Equal(4, r.Cases!.Checked);
        Assert.Equal(4, r.Cases.Informative);
        Assert.True(r.Cases.MedianTightness < 1, $"{r.Cases.MedianTightness}");
    }

    [Theory]
    [InlineData("le-sde-separation-phase", "typo", "1")]
    [InlineData("le-sde-separation-phase", "inter", "2")]
    [InlineData("le-sde-separation-phase", "fastExponent", "1.5")]
    [InlineData("le-sde-etf", "transform", "identity")]
    [InlineData("le-sde-etf", "inter", "0")]
    [InlineData("le-sde-etf", "classes", "1")]
    public void BadParametersAreInputErrors(string id, string name, string value)
    {
        var claim = LeSdeClaims.All().Single(c => c.Id == id);
        var ex = Assert.Throws<InputException>(() => claim.Check(Context(2, (name, value))));
        Assert.Contains("--", ex.Message);
    }

    [Fact]
    public void ClaimsAreDocumentedAsymptoticClaims()
    {
        foreach (var c in LeSdeClaims.All())
        {
            Assert.Equal(ClaimKind.Asymptotic, c.Kind);
            Assert.Contains("[reconstructed]", c.Statement);
            Assert.Contains("Zhang, Wang, Su 2021", c.Source);
        }
    }
}
