using Collapse.Theory.Claims;
using Collapse.Ufm.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Tests;

/// <summary>The UFM claims on short trajectories (the long acceptance runs use the claims' default parameters).</summary>
public class ClaimTests
{
    private static ClaimContext With(params (string, string)[] p) => new(p.ToDictionary(x => x.Item1, x => x.Item2), 1, 1);

    [Fact]
    public void RegistryListsFourteenDistinctDocumentedClaims()
    {
        var all = UfmClaims.All();
        Assert.Equal(14, all.Count);
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        Assert.All(all, c =>
        {
            Assert.True(c.Id.StartsWith("ufm-", StringComparison.Ordinal) || c.Id.StartsWith("layer-peeled-", StringComparison.Ordinal), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Source));
            Assert.False(string.IsNullOrWhiteSpace(c.Statement));
            Assert.NotEmpty(c.DefaultParameters);
        });
    }

    [Fact]
    public void GdDirectionApproachesTheSvmAndTheResidualSettles()
    {
        var r = new CeSvmDirectionClaim().Check(With(("steps", "20000"), ("residualTolerance", "0.1")));
        Assert.True(r.Holds, r.Detail);
        Assert.InRange(r.Measured, 0.0, 0.1);
    }

    [Fact]
    public void SvmDirectionCheckFailsWhenTheResidualMustBeFlatterThanItIs()
    {
        var r = new CeSvmDirectionClaim().Check(With(("steps", "20000"), ("residualTolerance", "0.001")));
        Assert.Equal(Verdict.Fails, r.Verdict);
    }

    [Fact]
    public void SvmDirectionIsInconclusiveOnNonSeparableFeatures()
    {
        // 60 points with 12 coinciding means in d = 2: not linearly separable by a bias-free classifier.
        var r = new CeSvmDirectionClaim().Check(With(("steps", "200"), ("separation", "0"), ("dim", "2"), ("perClass", "12")));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void NormalizedStepsReachTheSvmDirectionFaster()
    {
        var r = new NormalizedGdSvmClaim().Check(With(("steps", "10000"), ("speedup", "2")));
        Assert.True(r.Holds, r.Detail);
        Assert.True(r.Measured < r.Expected, r.Detail);
    }

    [Fact]
    public void MarginGrowsAndSmoothedMarginNeverDecreasesInTheJointModel()
    {
        var r = new MarginGrowthClaim().Check(With(("steps", "20000"), ("classes", "3"), ("dim", "4"), ("perClass", "4")));
        Assert.True(r.Holds, r.Detail);
    }

    [Fact]
    public void MarginGrowthCheckFailsOnATrajectoryWhoseSmoothedMarginDrops()
    {
        var run = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 4, PerClass = 4, Steps = 3000 });
        Assert.True(new MarginGrowthClaim().Evaluate(run).Holds);
        var rows = run.Trajectory.ToList();
        rows[^2] = rows[^2] with { NormW = rows[^2].NormW * 0.9 }; // a smaller norm at the same loss: γ̃ there is larger than at the end
        var tampered = run with { Trajectory = rows };
        Assert.Equal(Verdict.Fails, new MarginGrowthClaim().Evaluate(tampered).Verdict);
    }

    [Fact]
    public void EtfEmergesWithoutWeightDecay()
    {
        var r = new EtfEmergenceClaim().Check(With(("steps", "20000"), ("nc3Threshold", "2e-3"), ("equiangularityThreshold", "0.03")));
        Assert.True(r.Holds, r.Detail);
    }

    [Fact]
    public void RegularizedRunReachesTheClosedFormScale()
    {
        var r = new RegularizedEtfScaleClaim().Check(ClaimContext.Default);
        Assert.True(r.Holds, r.Detail);
        Assert.True(r.Measured < 1e-8, r.Detail);
    }

    [Fact]
    public void StrongRegularizationCollapsesTheRegularizedUfmToZero()
    {
        // K√(nλ_Wλ_H) = 4·√(5·0.2·0.2) ≈ 1.79 ≥ 1: the global minimiser is W = H = 0 (catalogue D2).
        var r = new RegularizedEtfScaleClaim().Check(With(("lambdaW", "0.2"), ("lambdaH", "0.2"), ("steps", "5000"), ("tolerance", "1e-8")));
        Assert.True(r.Holds, r.Detail);
    }

    [Fact]
    public void ClosedFormMatchesTheCatalogueValue()
    {
        // Catalogue D2: (K, n, λ) = (4, 5, 5e-3) gives t* = 7.478779.
        var (w, _, t) = RegularizedEtfScaleClaim.ClosedForm(4, 5, 5e-3, 5e-3);
        Assert.Equal(7.478779, t, 6);
        Assert.Equal(Math.Sqrt(4 * t), w, 12);
    }

    [Fact]
    public void MinorityClassifiersCollapseAsImbalanceGrows()
    {
        var r = new MinorityCollapseClaim().Check(With(("ratios", "1,10,100"), ("steps", "20000")));
        Assert.True(r.Holds, r.Detail);
    }

    [Fact]
    public void RunVerdictsFollowTheRunsAssumptions()
    {
        var joint = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 4, PerClass = 4, Steps = 2000 });
        Assert.Equal(new[] { "ufm-margin-growth", "ufm-etf-emergence" }, UfmClaims.ForRun(joint).Select(c => c.ClaimId));
        var regularized = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 4, PerClass = 4, Steps = 2000, LambdaW = 1e-2, LambdaH = 1e-2 });
        Assert.Equal(new[] { "ufm-regularized-etf-scale" }, UfmClaims.ForRun(regularized).Select(c => c.ClaimId));
        var mse = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 4, PerClass = 4, Steps = 100, Loss = UfmLoss.Mse });
        Assert.Empty(UfmClaims.ForRun(mse));
    }

    [Fact]
    public void RateFitRecoversAnInverseLogLaw()
    {
        var steps = new long[] { 10, 100, 1000, 10000, 100000 };
        var y = steps.Select(t => 2.0 / Math.Log(t) + 0.1).ToList();
        var fit = RateFit.InverseLog(steps, y);
        Assert.Equal(2.0, fit.A, 12);
        Assert.Equal(0.1, fit.C, 12);
        Assert.Equal(1.0, fit.R2, 12);
    }

    [Fact]
    public void LyuLiSmoothedMarginMatchesTheDirectFormula()
    {
        var row = new TrajectoryRow { Loss = 0.01, LogLoss = Math.Log(0.01), NormW = 2, NormH = 3 };
        var expected = -Math.Log(Math.Exp(10 * 0.01) - 1) / (4 + 9);
        Assert.Equal(expected, SmoothedMargin.LyuLi(row, UfmMode.Joint, 10, bias: false), 12);
        var tiny = new TrajectoryRow { LogLoss = -800, NormW = 1, NormH = 1 }; // loss underflowed: still finite
        Assert.Equal((800 - Math.Log(10)) / 2, SmoothedMargin.LyuLi(tiny, UfmMode.Joint, 10, bias: false), 9);
    }
}
