using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Theory.Tests.Claims;

public class ClaimRegistryTests
{
    private sealed class Fake(string id) : Claim
    {
        public override ClaimInfo Info { get; } = new(id, ClaimKind.Identity) { Title = "t", Source = "s", Statement = "st" };
        protected override ClaimEvidence Run(ClaimParameters parameters, ClaimContext context) => throw new NotSupportedException();
    }

    [Fact]
    public void ComposesSeveralSourcesInOrder()
    {
        var r = new ClaimRegistry([new Fake("a"), new Fake("b")], [new Fake("c")]);
        Assert.Equal(["a", "b", "c"], r.All.Select(c => c.Id));
        Assert.Equal("c", r.Get("c").Id);
    }

    [Fact]
    public void RejectsDuplicateIdsAcrossSources()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClaimRegistry([new Fake("a")], [new Fake("a")]));
        Assert.Contains("duplicate claim id 'a'", ex.Message);
    }

    [Fact]
    public void RejectsNonKebabCaseIds() => Assert.Throws<ArgumentException>(() => new ClaimRegistry([new Fake("Bad_Id")]));

    [Fact]
    public void UnknownIdIsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => new ClaimRegistry([new Fake("a")]).Get("zzz"));
        Assert.Contains("zzz", ex.Message);
    }

    [Fact]
    public void TheoryClaimsHaveAtLeastThirtyUniqueDocumentedClaims()
    {
        var r = new ClaimRegistry(TheoryClaims.All());
        Assert.True(r.Count >= 30, $"only {r.Count} claims");
        foreach (var c in r.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Title), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Source), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Statement), c.Id);
        }
    }

    [Fact]
    public void SlackFollowsTheKindConvention()
    {
        var r = new ClaimResult("x", new Dictionary<string, string>(), 1.0, 3.0, 0.5, Verdict.Holds, 1, "");
        Assert.Equal(2.0, ClaimSlack.Of(r, ClaimKind.Inequality));
        Assert.Equal(-1.5, ClaimSlack.Of(r, ClaimKind.Identity));
    }
}
