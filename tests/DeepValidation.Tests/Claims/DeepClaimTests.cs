using Collapse.DeepValidation.Claims;
using Collapse.DeepValidation.Experiments;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.DeepValidation.Tests.Claims;

public class DeepClaimTests
{
    /// <summary>A context with the overrides (a later entry for the same name wins).</summary>
    private static ClaimContext Tiny(params (string Key, string Value)[] overrides)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var (key, value) in overrides) parameters[key] = value;
        return new ClaimContext(parameters, Cases: 1, Seed: 1);
    }

    /// <summary>Seconds-sized versions of the claims (the defaults take about a minute together on 2 idle cores).</summary>
    public static TheoryData<string> Ids() => new(DeepClaims.All().Select(c => c.Id));

    private static readonly (string, string)[] SmallMlp =
        [("trainPerClass", "10"), ("testPerClass", "10"), ("width", "32"), ("epochs", "12"), ("lrMilestones", "8"), ("batchSize", "20")];

    private static ClaimContext TinyFor(string id) => id switch
    {
        "deep-nc1-decreases-mnist" => Tiny(SmallMlp),
        "deep-margin-growth-mnist" => Tiny([.. SmallMlp, ("seeds", "2"), ("svmEvery", "1")]),
        "deep-tpt-test-gain" => Tiny([.. SmallMlp, ("seeds", "2"), ("epochs", "20"), ("lrMilestones", "15")]),
        "deep-permutation-etf-vs-hetero" => Tiny(("dataset", "gaussian:k=3,d=6,n=10,test=20,sep=6,geometry=hetero"), ("width", "16"),
            ("epochs", "6"), ("lrMilestones", ""), ("batchSize", "10"), ("permutations", "2"), ("seeds", "2")),
        "deep-test-collapse-mnist" or "deep-test-collapse-fashion" => Tiny([.. SmallMlp, ("seeds", "2")]),
        _ => throw new ArgumentException(id),
    };

    private static IClaim Claim(string id) => DeepClaims.All().Single(c => c.Id == id);

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachClaimIsEmpiricalAndReturnsAStructuredResultWithFinitePlots(string id)
    {
        var claim = Claim(id);
        Assert.Equal(ClaimKind.Empirical, claim.Kind);
        var evidence = claim.CheckWithEvidence(TinyFor(id));
        var r = evidence.Result;
        Assert.Equal(id, r.ClaimId);
        Assert.Equal(1, r.Seed);
        Assert.False(string.IsNullOrWhiteSpace(r.Detail));
        Assert.DoesNotContain('\n', r.Detail);
        foreach (var key in claim.DefaultParameters.Keys) Assert.True(r.Parameters.ContainsKey(key), key);
        Assert.NotEmpty(evidence.Plots);
        foreach (var plot in evidence.Plots)
        {
            Assert.NotEmpty(plot.Series);
            Assert.False(string.IsNullOrWhiteSpace(plot.Caption), plot.Title);
            foreach (var s in plot.Series)
            {
                Assert.NotEmpty(s.X);
                Assert.Equal(s.X.Count, s.Y.Count);
                Assert.All(s.X, x => Assert.True(double.IsFinite(x), $"{plot.Title}/{s.Name}: x {x}"));
                Assert.All(s.Y, y => Assert.True(double.IsFinite(y) && (!plot.LogY || y > 0), $"{plot.Title}/{s.Name}: y {y}"));
            }
            Assert.All(plot.Markers, m => Assert.True(double.IsFinite(m.X)));
        }
    }

    [Fact]
    public void CheckReturnsTheResultOfCheckWithEvidence()
    {
        var claim = Claim("deep-nc1-decreases-mnist");
        var context = TinyFor(claim.Id);
        var a = claim.Check(context);
        var b = claim.CheckWithEvidence(context).Result;
        Assert.Equal(b.Verdict, a.Verdict);
        Assert.Equal(b.Measured, a.Measured);
        Assert.Equal(b.Detail, a.Detail);
        Assert.Equal(b.Parameters.OrderBy(p => p.Key), a.Parameters.OrderBy(p => p.Key));
    }

    [Fact]
    public void Nc1FallsOnAShortMnistRunIntoTheTerminalPhase()
    {
        var evidence = Claim("deep-nc1-decreases-mnist").CheckWithEvidence(Tiny([.. SmallMlp, ("trainPerClass", "30")]));
        Assert.True(evidence.Result.Verdict == Verdict.Holds, evidence.Result.Detail);
        Assert.True(evidence.Result.Measured <= -0.5);
        var accuracy = evidence.Plots.Single(p => p.Title == "Accuracy vs epoch");
        Assert.Single(accuracy.Markers);
        Assert.Equal(["train nc1", "test nc1", "train nc3", "test nc3", "train etfGramError", "test etfGramError"],
            evidence.Plots.Single(p => p.Title == "NC metrics vs epoch").Series.Select(s => s.Name));
    }

    [Fact]
    public void MarginClaimPlotsSvmDistanceWhenTheRunsInterpolate()
    {
        var evidence = Claim("deep-margin-growth-mnist").CheckWithEvidence(TinyFor("deep-margin-growth-mnist"));
        var svm = evidence.Plots.Single(p => p.Title.StartsWith("Distance of the last layer to the SVM", StringComparison.Ordinal));
        Assert.Equal(2, svm.Series.Count);
        Assert.All(svm.Series, s => Assert.All(s.Y, y => Assert.InRange(y, 0.0, 2.0)));
        Assert.Contains("svmDistance over", evidence.Result.Detail);
    }

    [Fact]
    public void TptGainPlotsTestAccuracyAgainstEpochsSinceTheTptStartPerDataset()
    {
        var evidence = Claim("deep-tpt-test-gain").CheckWithEvidence(TinyFor("deep-tpt-test-gain"));
        Assert.True(evidence.Plots.Count == 2, evidence.Result.Detail);
        Assert.Equal(["Test accuracy around the TPT start (mnist-subset)", "Test accuracy around the TPT start (fashion-subset)"],
            evidence.Plots.Select(p => p.Title));
        foreach (var plot in evidence.Plots)
        {
            Assert.Equal(0.0, Assert.Single(plot.Markers).X);
            Assert.All(plot.Series, s => Assert.Contains(0.0, s.X)); // every curve passes through its own t₀
        }
        Assert.Contains("mnist-subset", evidence.Result.Detail);
        Assert.Contains("fashion-subset", evidence.Result.Detail);
    }

    private static PermutationAnalysis Analysis(string classifier, double[][] accuracyPerPermutation)
    {
        var cells = new List<PermutationCell>();
        for (var p = 0; p < accuracyPerPermutation.Length; p++)
            for (var s = 0; s < accuracyPerPermutation[p].Length; s++)
                cells.Add(new PermutationCell(classifier, p, p == 0 ? null : p, [0, 1, 2], s, 1, accuracyPerPermutation[p][s], 0, 1, 0.1, 0, 0.1, 1));
        return PermutationAnalysis.Analyze(classifier, cells, new Dictionary<string, string>(), permutationRounds: 999);
    }

    [Fact]
    public void TptGainShowsTestAccuracyVsEpochWhenNoSeedReachesTheTerminalPhase()
    {
        var evidence = Claim("deep-tpt-test-gain").CheckWithEvidence(Tiny([.. SmallMlp, ("datasets", "fashion-subset"), ("epochs", "2"), ("seeds", "2")]));
        Assert.Equal(Verdict.Inconclusive, evidence.Result.Verdict);
        Assert.Contains("0/2 seeds reached 100% train accuracy", evidence.Result.Detail);
        var plot = Assert.Single(evidence.Plots);
        Assert.Equal("Test accuracy vs epoch (fashion-subset, TPT never reached)", plot.Title);
        Assert.Equal(2, plot.Series.Count);
        Assert.Empty(plot.Markers);
    }

    [Fact]
    public void PermutationVerdictFailsOnAnEtfEffectHoldsOnAHeteroOnlyEffectAndIsOtherwiseInconclusive()
    {
        var effect = new[] { new[] { 0.80, 0.81, 0.80 }, new[] { 0.90, 0.91, 0.90 }, new[] { 0.70, 0.71, 0.70 } };
        var none = new[] { new[] { 0.80, 0.82, 0.78 }, new[] { 0.81, 0.79, 0.80 }, new[] { 0.80, 0.78, 0.82 } };
        Assert.Equal(Verdict.Fails, PermutationClaim.Judge(Analysis("etf", effect), Analysis("hetero", effect)));
        Assert.Equal(Verdict.Fails, PermutationClaim.Judge(Analysis("etf", effect), Analysis("hetero", none)));
        Assert.Equal(Verdict.Holds, PermutationClaim.Judge(Analysis("etf", none), Analysis("hetero", effect)));
        Assert.Equal(Verdict.Inconclusive, PermutationClaim.Judge(Analysis("etf", none), Analysis("hetero", none)));
    }

    [Fact]
    public void BadParametersAreInputErrorsNamingTheParameter()
    {
        var permutation = Claim("deep-permutation-etf-vs-hetero");
        var ex = Assert.Throws<InputException>(() => permutation.CheckWithEvidence(Tiny(("seeds", "1"))));
        Assert.Contains("seeds=1", ex.Message);
        var nc1 = Claim("deep-nc1-decreases-mnist");
        ex = Assert.Throws<InputException>(() => nc1.CheckWithEvidence(Tiny(("lrMilestones", "5,x"))));
        Assert.Contains("lrMilestones=5,x", ex.Message);
    }
}
