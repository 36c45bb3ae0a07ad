using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Ufm.Claims;

namespace Collapse.Ufm.Tests;

/// <summary>
/// The MSE / balancedness / imbalance / layer-peeled claims (docs/review-models.md) at reduced sizes: each holds, each
/// of its false variants (the falsifiers) is reported as Fails by the same check, uninformative instances are
/// Inconclusive and unknown parameters are input errors.
/// </summary>
public class ReviewClaimTests
{
    /// <summary>Overrides that keep each claim's runs to a fraction of a second (tolerances loosened only where fewer steps demand it).</summary>
    public static readonly IReadOnlyDictionary<string, (string, string)[]> Small = new Dictionary<string, (string, string)[]>
    {
        ["ufm-mse-strong-collapse"] = [("classes", "3"), ("dim", "4"), ("perClass", "3"), ("initScales", "0.001,0.01,0.1"), ("steps", "20000")],
        ["ufm-mse-bias-free-closed-form"] = [("thresholds", "0.5,1.5"), ("steps", "3000")],
        ["ufm-mse-central-path"] = [("flowSteps", "3000"), ("gdSteps", "5000"), ("tolerance", "1e-3")],
        ["ufm-conservation-law"] = [("flowTime", "4")],
        ["ufm-seli-imbalance"] = [("lambdas", "1e-3,3e-3,1e-2"), ("stepsFactor", "15")],
        ["layer-peeled-balanced-etf"] = [("maxClasses", "5"), ("ufmSteps", "10000")],
        ["layer-peeled-minority-collapse"] = [("ratios", "1,10,100"), ("ufmSteps", "10000")],
        ["ufm-fixed-etf-imbalance"] = [("steps", "1000")],
    };

    /// <summary>Every declared falsifier of every review claim: (claim id, falsifier name).</summary>
    public static TheoryData<string, string> Falsifiers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var id in Small.Keys)
                foreach (var f in Claim(id).Info.Falsifiers) data.Add(id, f.Name);
            return data;
        }
    }

    public static TheoryData<string> Ids => new(Small.Keys);

    /// <summary>The small context of a claim, plus extra overrides (3 cases for instance-wise parts, seed 1).</summary>
    public static ClaimContext Context(string id, params (string, string)[] extra)
    {
        var d = Small[id].ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var (k, v) in extra) d[k] = v;
        return new ClaimContext(d, 3, 1);
    }

    private static UfmClaim Claim(string id) => (UfmClaim)UfmClaims.All().Single(c => c.Id == id);

    [Theory]
    [MemberData(nameof(Ids))]
    public void HoldsAtReducedSizes(string id)
    {
        var r = Claim(id).Check(Context(id));
        Assert.True(r.Verdict == Verdict.Holds, $"{id}: {r.Verdict}: {r.Detail}");
        Assert.Equal(id, r.ClaimId);
        Assert.True(double.IsFinite(r.Measured) && double.IsFinite(r.Tolerance), r.Detail);
    }

    [Theory]
    [MemberData(nameof(Falsifiers))]
    public void EveryFalsifierIsCaughtAtReducedSizes(string id, string name)
    {
        var f = Claim(id).Info.Falsifiers.Single(x => x.Name == name);
        var evidence = Claim(id).CheckWithEvidence(Context(id, f.Overrides.Select(kv => (kv.Key, kv.Value)).ToArray()));
        Assert.True(evidence.Result.Verdict == Verdict.Fails, $"{id} with {name} ({f.Broken}): {evidence.Result.Verdict}: {evidence.Result.Detail}");
        Assert.False(string.IsNullOrWhiteSpace(evidence.FalsifyingInstance));
        foreach (var (k, v) in f.Overrides) Assert.Equal(v, evidence.Result.Parameters[k]);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryClaimDeclaresFalsifiersAndReferences(string id)
    {
        var info = Claim(id).Info;
        Assert.NotEmpty(info.Falsifiers);
        Assert.NotEmpty(info.References);
        info.Validate();
        foreach (var f in info.Falsifiers)
            foreach (var (k, v) in f.Overrides) Assert.Contains("falsifier", info.Parameter(k)!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void UnknownOrBadParametersAreInputErrors(string id)
    {
        var unknown = Assert.Throws<InputException>(() => Claim(id).Check(Context(id, ("noSuchParameter", "1"))));
        Assert.Contains("noSuchParameter", unknown.Message);
        var first = Claim(id).DefaultParameters.Keys.First();
        Assert.Throws<InputException>(() => Claim(id).Check(Context(id, (first, "not-a-value"))));
    }

    [Fact]
    public void BiasFreeClosedFormNeedsBothRegimesAndDAtLeastK()
    {
        var claim = Claim("ufm-mse-bias-free-closed-form");
        Assert.Equal(Verdict.Inconclusive, claim.Check(Context("ufm-mse-bias-free-closed-form", ("thresholds", "0.3,0.6"))).Verdict);
        Assert.Equal(Verdict.Inconclusive, claim.Check(Context("ufm-mse-bias-free-closed-form", ("dim", "3"))).Verdict);
    }

    [Fact]
    public void SeliIsNotInformativeForBalancedClasses()
    {
        var r = Claim("ufm-seli-imbalance").Check(Context("ufm-seli-imbalance", ("imbalance", "1")));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("balanced", r.Detail);
    }

    [Fact]
    public void StrongCollapseIsInconclusiveWhenGdHasNotConverged()
    {
        var r = Claim("ufm-mse-strong-collapse").Check(Context("ufm-mse-strong-collapse", ("steps", "50")));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("did not converge", r.Detail);
    }

    [Fact]
    public void MinorityCollapseReportsTheThresholdRatio()
    {
        var r = Claim("layer-peeled-minority-collapse").Check(Context("layer-peeled-minority-collapse"));
        Assert.Matches(@"collapse \(cos ≥ 1 − 1e-06\) from R ≈ 4\d\.\d\d", r.Detail);
    }
}
