using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Theory.Tests.Claims;

/// <summary>Every Theory claim holds on a few random cases; documented false parameterisations are falsified, replayably.</summary>
public class TheoryClaimsCheckTests
{
    private static readonly ClaimRegistry Registry = new(TheoryClaims.All());

    public static TheoryData<string> Ids()
    {
        var d = new TheoryData<string>();
        foreach (var c in TheoryClaims.All()) d.Add(c.Id);
        return d;
    }

    private static ClaimContext Context(int cases, int seed, params (string, string)[] ps) =>
        new(ps.ToDictionary(p => p.Item1, p => p.Item2), cases, seed);

    [Theory]
    [MemberData(nameof(Ids))]
    public void ClaimHoldsOnRandomCases(string id)
    {
        var claim = Registry.Get(id);
        // Coverage claims run one trial per case; keep them small here (the CLI default is 100 trials of m = 20 000).
        var ctx = id.EndsWith("-coverage", StringComparison.Ordinal)
            ? Context(20, 3, ("trainSize", "4000"), ("testSize", "4000"))
            : Context(10, 3);
        var r = claim.Check(ctx);
        Assert.True(r.Holds, $"{id}: {r.Verdict} {r.Detail}");
        Assert.Equal(id, r.ClaimId);
        foreach (var p in claim.DefaultParameters.Keys) Assert.True(r.Parameters.ContainsKey(p), $"{id} does not report parameter {p}");
    }

    [Theory]
    [InlineData("hoeffding-class-mean", "dimPower", "0")]
    [InlineData("rademacher-linear-bound", "boundFactor", "0.5")]
    [InlineData("lipschitz-margin-transfer", "radiusFactor", "2")]
    [InlineData("cdnv-bounds-ncc-error", "markovConstant", "1")]
    [InlineData("cdnv-bounds-ncc-error", "classPower", "0")]
    [InlineData("jensen-collapsed-risk", "collapseTo", "global")]
    [InlineData("jensen-collapsed-risk", "losses", "errorProbability")]
    public void DocumentedFalseParameterisationIsFalsifiedAndReplays(string id, string name, string value)
    {
        var claim = Registry.Get(id);
        var r = claim.Check(Context(100, 1, (name, value)));
        Assert.Equal(Verdict.Fails, r.Verdict);
        Assert.Contains($"seed {r.Seed}", r.Detail);
        var again = claim.Check(Context(100, 1, (name, value)));
        Assert.Equal(r, again with { Parameters = r.Parameters });
        Assert.Equal(r.Seed, again.Seed);
        Assert.Equal(r.Measured, again.Measured);
    }

    [Fact]
    public void UnknownParameterIsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => Registry.Get("etf-gram").Check(Context(1, 1, ("nope", "1"))));
        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void UnparsableParameterIsBadInput()
        => Assert.Throws<InputException>(() => Registry.Get("etf-gram").Check(Context(1, 1, ("maxClasses", "many"))));

    [Fact]
    public void SameSeedGivesTheSameResult()
    {
        var a = Registry.Get("ce-margin-sandwich").Check(Context(20, 9));
        var b = Registry.Get("ce-margin-sandwich").Check(Context(20, 9));
        Assert.Equal(a.Measured, b.Measured);
        Assert.Equal(a.Seed, b.Seed);
        Assert.Equal(a.Detail, b.Detail);
    }
}
