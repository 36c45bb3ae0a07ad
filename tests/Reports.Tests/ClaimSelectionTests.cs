using Collapse.Reports.Running;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

public class ClaimSelectionTests
{
    private static readonly IClaim[] Claims = [new CauchySchwarzClaim(), new LogisticRateClaim(), new ThrowingClaim()];

    [Fact]
    public void EmptyFilterSelectsEverythingInOrder() =>
        Assert.Equal(Claims.Select(c => c.Id), ClaimSelector.Select(Claims, []).Select(c => c.Id));

    [Fact]
    public void ExactIdsAndPrefixesSelectInRegistryOrder()
    {
        var chosen = ClaimSelector.Select(Claims, ["test-throws", "test-c*"]);
        Assert.Equal(["test-cauchy-schwarz", "test-throws"], chosen.Select(c => c.Id));
    }

    [Fact]
    public void UnknownIdIsBadInputNamingIt()
    {
        var ex = Assert.Throws<InputException>(() => ClaimSelector.Select(Claims, ["test-cauchy"]));
        Assert.Contains("--claims test-cauchy", ex.Message);
        Assert.Contains("test-cauchy-schwarz", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void DuplicateIdsInTheRegistryAreADefect() =>
        Assert.Throws<InvalidOperationException>(() => ClaimSelector.Select([new ThrowingClaim(), new ThrowingClaim()], []));

    [Theory]
    [InlineData("test-cauchy-schwarz=c=1", "expected CLAIM-ID:NAME=VALUE")]
    [InlineData("nope:c=1", "no claim 'nope'")]
    [InlineData("test-cauchy-schwarz:q=1", "has no parameter 'q'")]
    public void MalformedParameterOverridesAreBadInput(string entry, string message)
    {
        var ex = Assert.Throws<InputException>(() => ParameterOverrides.Parse([entry], Claims));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void ParameterOverridesGroupByClaim()
    {
        var map = ParameterOverrides.Parse(["test-cauchy-schwarz:c=2", "test-cauchy-schwarz:d=3", "test-logistic-rate:eta=0.1"], Claims);
        Assert.Equal("2", map["test-cauchy-schwarz"]["c"]);
        Assert.Equal("3", map["test-cauchy-schwarz"]["d"]);
        Assert.Equal("0.1", map["test-logistic-rate"]["eta"]);
    }

    [Fact]
    public void ProfilesDifferInCasesAndUnknownProfileIsBadInput()
    {
        Assert.True(ReportProfile.Parse("full").Cases > ReportProfile.Parse("quick").Cases);
        Assert.False(ReportProfile.Quick.IncludeSlow);
        Assert.Throws<InputException>(() => ReportProfile.Parse("medium"));
    }

    [Fact]
    public void QuickProfileLeavesOutEmpiricalClaimsOnly()
    {
        var empirical = new DelegateClaim("deep", _ => throw new InvalidOperationException(), kind: ClaimKind.Empirical);
        Assert.False(ReportProfile.Quick.Includes(empirical));
        Assert.True(ReportProfile.Full.Includes(empirical));
        Assert.All(Claims, c => Assert.True(ReportProfile.Quick.Includes(c)));
    }
}
