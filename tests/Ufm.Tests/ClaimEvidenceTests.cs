using Collapse.Theory.Claims;
using Collapse.Ufm.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Tests;

/// <summary>The plots and falsifying instances the UFM claims attach for the report (short trajectories).</summary>
public class ClaimEvidenceTests
{
    private static ClaimContext With(params (string, string)[] p) => new(p.ToDictionary(x => x.Item1, x => x.Item2), 1, 1);

    /// <summary>Every UFM claim with overrides that keep its simulation(s) to a fraction of a second.</summary>
    public static TheoryData<string> ClaimIds => new(UfmClaims.All().Select(c => c.Id));

    private static ClaimContext Small(string id) => id switch
    {
        "ufm-ce-svm-direction" => With(("classes", "3"), ("dim", "6"), ("perClass", "8"), ("steps", "3000")),
        "ufm-normalized-gd-svm" => With(("classes", "3"), ("dim", "6"), ("perClass", "8"), ("separation", "3"), ("steps", "2000"), ("speedup", "2")),
        "ufm-margin-growth" => With(("classes", "3"), ("dim", "4"), ("perClass", "4"), ("steps", "3000")),
        "ufm-etf-emergence" => With(("classes", "3"), ("dim", "4"), ("perClass", "4"), ("steps", "3000")),
        "ufm-regularized-etf-scale" => With(("classes", "3"), ("dim", "4"), ("perClass", "4"), ("steps", "3000")),
        "ufm-minority-collapse" => With(("ratios", "1,10"), ("steps", "2000")),
        _ when ReviewClaimTests.Small.ContainsKey(id) => ReviewClaimTests.Context(id),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "no small context for this claim"),
    };

    private static UfmClaim Claim(string id) => (UfmClaim)UfmClaims.All().Single(c => c.Id == id);

    [Theory]
    [MemberData(nameof(ClaimIds))]
    public void EveryUfmClaimAttachesDrawablePlots(string id)
    {
        var evidence = Claim(id).CheckWithEvidence(Small(id));
        Assert.True(evidence.Result.Verdict != Verdict.Inconclusive, evidence.Result.Detail);
        Assert.NotEmpty(evidence.Plots);
        foreach (var plot in evidence.Plots)
        {
            Assert.False(string.IsNullOrWhiteSpace(plot.Caption), plot.Title);
            Assert.NotEmpty(plot.Series);
            foreach (var s in plot.Series)
            {
                Assert.NotEmpty(s.X);
                Assert.Equal(s.X.Count, s.Y.Count);
                Assert.True(s.X.Count <= TrajectoryPlots.MaxPoints, $"{plot.Title}/{s.Name}: {s.X.Count} points");
                Assert.All(s.X, x => Assert.True(double.IsFinite(x) && (!plot.LogX || x > 0), $"{plot.Title}/{s.Name}: x = {x}"));
                Assert.All(s.Y, y => Assert.True(double.IsFinite(y) && (!plot.LogY || y > 0), $"{plot.Title}/{s.Name}: y = {y}"));
            }
        }
        Assert.Equal(evidence.Result.Verdict == Verdict.Fails, evidence.FalsifyingInstance is not null);
    }

    [Theory]
    [MemberData(nameof(ClaimIds))]
    public void CheckIsTheResultOfCheckWithEvidence(string id)
    {
        var claim = Claim(id);
        var plain = claim.Check(Small(id));
        var withEvidence = claim.CheckWithEvidence(Small(id)).Result;
        Assert.Equal(withEvidence.Verdict, plain.Verdict);
        Assert.Equal(withEvidence.Measured, plain.Measured);
        Assert.Equal(withEvidence.Expected, plain.Expected);
        Assert.Equal(withEvidence.Detail, plain.Detail);
        Assert.Equal(withEvidence.Parameters, plain.Parameters);
    }

    [Fact]
    public void SvmDirectionPlotCarriesTheFittedInverseLogCurve()
    {
        var evidence = new CeSvmDirectionClaim().CheckWithEvidence(Small("ufm-ce-svm-direction"));
        var plot = evidence.Plots.Single(p => p.Title == "Distance to the SVM direction");
        Assert.True(plot.LogX);
        var fit = plot.Series.Single(s => s.Style == SeriesStyle.Dashed);
        var measured = plot.Series.Single(s => s.Name == "svmDirectionDistance");
        // The fitted a/ln t + c follows the measured distance closely at the last checkpoint.
        Assert.Equal(measured.X[^1], fit.X[^1]);
        Assert.InRange(Math.Abs(fit.Y[^1] - measured.Y[^1]), 0, 0.1 * measured.Y[^1]);
        Assert.Contains("R² =", plot.Caption);
        Assert.Single(plot.Markers);
        Assert.Contains(evidence.Plots, p => p.Title == "Loss vs step" && p.LogX && p.LogY);
    }

    [Fact]
    public void FailingSvmDirectionCheckWritesTheRunAndTheViolatedNumbers()
    {
        var evidence = new CeSvmDirectionClaim().CheckWithEvidence(With(("classes", "3"), ("dim", "6"), ("perClass", "8"), ("steps", "3000"),
            ("residualTolerance", "1e-6")));
        Assert.Equal(Verdict.Fails, evidence.Result.Verdict);
        var text = evidence.FalsifyingInstance!;
        Assert.Contains("seed 1, classes 3, dim 6", text);
        Assert.Contains("steps 3000", text);
        Assert.Contains("required < residualTolerance = 1e-06", text);
        Assert.True(text.Split('\n').Length >= 5, text);
    }

    [Fact]
    public void MarginGrowthFalsifyingInstanceNamesTheSmoothedMarginDrop()
    {
        var run = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 4, PerClass = 4, Steps = 3000 });
        var rows = run.Trajectory.ToList();
        rows[^2] = rows[^2] with { NormW = rows[^2].NormW * 0.9 }; // γ̃ there exceeds its value at the end
        var evidence = new MarginGrowthClaim().EvaluateWithEvidence(run with { Trajectory = rows });
        Assert.Equal(Verdict.Fails, evidence.Result.Verdict);
        Assert.Contains("Lyu–Li γ̃ decreased by", evidence.FalsifyingInstance);
        Assert.Contains($"at t={rows[^1].Step}", evidence.FalsifyingInstance);
        var plain = new MarginGrowthClaim().Evaluate(run with { Trajectory = rows });
        Assert.Equal((plain.Verdict, plain.Measured, plain.Detail), (evidence.Result.Verdict, evidence.Result.Measured, evidence.Result.Detail));
    }

    [Fact]
    public void NcPlotsDropNonPositivePointsOnLogAxes()
    {
        var rows = new List<TrajectoryRow>
        {
            new() { Step = 0, Nc1 = 1, Nc3 = 1, Equiangularity = 1, EtfGramError = 1 },
            new() { Step = 10, Nc1 = 0.1, Nc3 = 0, Equiangularity = double.NaN, EtfGramError = 0.5 },
            new() { Step = 100, Nc1 = 0.01, Nc3 = -1e-17, Equiangularity = 0.2, EtfGramError = double.PositiveInfinity },
        };
        var plot = TrajectoryPlots.NcMetrics(rows, "caption");
        Assert.Equal([10.0, 100.0], plot.Series.Single(s => s.Name == "nc1").X);
        Assert.DoesNotContain(plot.Series, s => s.Name == "nc3"); // no positive nc3 at a positive step
        Assert.Equal([0.2], plot.Series.Single(s => s.Name == "equiangularity").Y);
        Assert.Equal([0.5], plot.Series.Single(s => s.Name == "etfGramError").Y);
    }

    [Fact]
    public void LossPlotFallsBackToTheLogDomainWhenTheLossUnderflows()
    {
        var rows = new List<TrajectoryRow>
        {
            new() { Step = 1, Loss = 1e-3, LogLoss = Math.Log(1e-3) },
            new() { Step = 10, Loss = 0, LogLoss = -800 },
        };
        var plot = TrajectoryPlots.Loss(rows, "caption");
        Assert.False(plot.LogY);
        Assert.Equal(-3.0, plot.Series[0].Y[0], 12);
        Assert.Equal(-800 / Math.Log(10), plot.Series[0].Y[1], 12);
        var normal = TrajectoryPlots.Loss(rows.Take(1).ToList(), "caption");
        Assert.True(normal.LogY);
    }

    [Fact]
    public void LogValueAxisOnlyForPositiveValuesSpanningDecades()
    {
        Assert.True(TrajectoryPlots.LogScaleFits([1, 0.1, 0.001, double.NaN]));
        Assert.False(TrajectoryPlots.LogScaleFits([1, 0.5, 0.2]));
        Assert.False(TrajectoryPlots.LogScaleFits([1, -0.1, 0.001]));
    }

    [Fact]
    public void LongTrajectoriesAreThinnedToMaxPointsKeepingTheEnds()
    {
        var rows = Enumerable.Range(1, 1000).Select(i => new TrajectoryRow { Step = i, Nc1 = 1.0 / i }).ToList();
        var s = TrajectoryPlots.Series("nc1", rows, r => r.Nc1, true, true);
        Assert.Equal(TrajectoryPlots.MaxPoints, s.X.Count);
        Assert.Equal(1.0, s.X[0]);
        Assert.Equal(1000.0, s.X[^1]);
    }
}
