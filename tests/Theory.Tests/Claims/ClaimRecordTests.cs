using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Theory.Tests.Claims;

/// <summary>The claim record: declarations validated at registration, one parameter path, the short members.</summary>
public class ClaimRecordTests
{
    private sealed class Probe(ClaimInfo info) : Claim
    {
        public ClaimParameters? Seen { get; private set; }
        public override ClaimInfo Info { get; } = info;

        protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
        {
            Seen = p;
            return new ClaimResult(Info.Id, p.AsStrings(), 0, 0, 0, Verdict.Holds, context.Seed, "ok");
        }
    }

    private static ClaimInfo Info(string id = "probe", IReadOnlyList<ClaimParameter>? parameters = null, IReadOnlyList<Falsifier>? falsifiers = null) =>
        new(id, ClaimKind.Inequality)
        {
            Title = "t",
            Statement = "s",
            Source = "src",
            Parameters = parameters ??
            [
                ClaimParameter.Int("maxClasses", 20, "largest K", min: 2, max: 1000),
                ClaimParameter.Real("factor", 1, "1 = the statement; 0.5 false", min: 0),
                ClaimParameter.Text("side", "1", "the lower count", "1", "K-1"),
                ClaimParameter.IntList("epochs", "15,25", "milestones", min: 1),
                ClaimParameter.RealList("ratios", "1,10", "ratios", min: 1),
            ],
            Falsifiers = falsifiers ?? [Falsifier.Of("factor-halved", "the bound halved", ("factor", "0.5"))],
        };

    private static ClaimContext Ctx(params (string, string)[] ps) => new(ps.ToDictionary(p => p.Item1, p => p.Item2), 3, 5);

    [Fact]
    public void ResolveGivesTypedValuesAndRecordsOverridesAsGiven()
    {
        var probe = new Probe(Info());
        var r = probe.Check(Ctx(("maxClasses", "7"), ("ratios", "1, 2.5")));
        var p = probe.Seen!;
        Assert.Equal(7, p.Int("maxClasses"));
        Assert.Equal(1.0, p.Real("factor"));
        Assert.Equal("1", p.Text("side"));
        Assert.Equal([15, 25], p.IntList("epochs"));
        Assert.Equal([1.0, 2.5], p.RealList("ratios"));
        Assert.True(p.IsOverridden("maxClasses"));
        Assert.False(p.IsOverridden("factor"));
        Assert.Equal("7", r.Parameters["maxClasses"]);
        Assert.Equal("1, 2.5", r.Parameters["ratios"]);
        Assert.Equal(["maxClasses", "factor", "side", "epochs", "ratios"], r.Parameters.Keys);
    }

    [Fact]
    public void UnknownParameterIsOneLineNamingTheKnownOnes()
    {
        var ex = Assert.Throws<InputException>(() => new Probe(Info()).Check(Ctx(("maxClases", "7"))));
        Assert.Equal("--param maxClases: claim 'probe' has no parameter 'maxClases' (known: maxClasses, factor, side, epochs, ratios)", ex.Message);
    }

    [Theory]
    [InlineData("maxClasses", "many", "an integer in [2, 1000]")]
    [InlineData("maxClasses", "1", "an integer in [2, 1000]")]
    [InlineData("maxClasses", "1001", "an integer in [2, 1000]")]
    [InlineData("factor", "NaN", "a finite number ≥ 0")]
    [InlineData("factor", "-1", "a finite number ≥ 0")]
    [InlineData("side", "K", "one of: 1, K-1")]
    [InlineData("epochs", "1,x", "a comma-separated list of integers each ≥ 1")]
    [InlineData("ratios", "", "a comma-separated list of numbers each ≥ 1")]
    public void UnparsableOrOutOfRangeValueNamesParameterValueAndRange(string name, string value, string range)
    {
        var ex = Assert.Throws<InputException>(() => new Probe(Info()).Check(Ctx((name, value))));
        Assert.Equal($"--param {name}={value}: claim 'probe' expects {range}", ex.Message);
    }

    [Fact]
    public void FewerThanOneCaseIsBadInput() =>
        Assert.Throws<InputException>(() => new Probe(Info()).Check(new ClaimContext(new Dictionary<string, string>(), 0, 1)));

    [Fact]
    public void ShortMembersReadTheDeclaration()
    {
        IClaim claim = new Probe(Info());
        Assert.Equal("probe", claim.Id);
        Assert.Equal("t", claim.Title);
        Assert.Equal("src", claim.Source);
        Assert.Equal("s", claim.Statement);
        Assert.Equal(ClaimKind.Inequality, claim.Kind);
        Assert.Equal("20", claim.DefaultParameters["maxClasses"]);
        Assert.Equal(claim.CheckWithEvidence(Ctx()).Result.Detail, claim.Check(Ctx()).Detail);
    }

    public static TheoryData<string, ClaimInfo> Malformed() => new()
    {
        { "not kebab-case", Info("Bad_Id") },
        { "declared twice", Info(parameters: [ClaimParameter.Int("a", 1, "x"), ClaimParameter.Int("a", 2, "y")]) },
        { "letters and digits", Info(parameters: [ClaimParameter.Int("a-b", 1, "x")], falsifiers: []) },
        { "default '0' is not an integer in [1, 5]", Info(parameters: [ClaimParameter.Int("a", 0, "x", min: 1, max: 5)], falsifiers: []) },
        { "no description", Info(parameters: [ClaimParameter.Int("a", 1, " ")], falsifiers: []) },
        { "overrides undeclared parameter 'nope'", Info(falsifiers: [Falsifier.Of("f", "b", ("nope", "1"))]) },
        { "factor=x is not", Info(falsifiers: [Falsifier.Of("f", "b", ("factor", "x"))]) },
        { "only repeats the defaults", Info(falsifiers: [Falsifier.Of("f", "b", ("factor", "1"))]) },
        { "falsifier name 'F' is not kebab-case", Info(falsifiers: [Falsifier.Of("F", "b", ("factor", "2"))]) },
        { "does not say what it breaks", Info(falsifiers: [Falsifier.Of("f", "", ("factor", "2"))]) },
        { "overrides no parameter", Info(falsifiers: [Falsifier.Of("f", "b")]) },
        { "reference key 'Gao 2023'", Info() with { References = ["Gao 2023"] } },
        { "no title", Info() with { Title = "" } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RegistryRejectsAMalformedDeclaration(string message, ClaimInfo info)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClaimRegistry([new Probe(info)]));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void RegistryAcceptsAWellFormedDeclaration() => Assert.Equal(1, new ClaimRegistry([new Probe(Info())]).Count);

    [Fact]
    public void DefinitionIsItsOwnKind()
    {
        var defs = new ClaimRegistry(TheoryClaims.All()).All.Where(c => c.Kind == ClaimKind.Definition).Select(c => c.Id).ToList();
        Assert.Equal(["pmin-is-min-class-pair-margin", "margin-positive-iff-correct", "margin-risk-sandwich", "margin-risk-monotone-in-gamma", "permuted-bounds-equal-at-etf"], defs);
    }
}
