using Collapse.Reports.Model;
using Collapse.Reports.Running;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

public class ReportRunnerTests
{
    [Fact]
    public void TrueClaimsHoldAndCarryTheirPlots()
    {
        var report = TestReports.Passing();
        Assert.True(report.AllHold);
        Assert.Equal(["test-cauchy-schwarz", "test-logistic-rate"], report.Sections.Select(s => s.Id));
        var rate = report.Sections[1];
        Assert.Equal(2, rate.Plots.Count);
        Assert.True(rate.Plots[0].LogX && rate.Plots[0].LogY);
        Assert.InRange(rate.Result.Measured, 0.99, 1.01);
    }

    [Fact]
    public void OverridingTheConstantFalsifiesCauchySchwarzWithTheInstance()
    {
        var report = TestReports.Failing();
        Assert.False(report.AllHold);
        var cs = report.Sections.Single(s => s.Id == "test-cauchy-schwarz");
        Assert.Equal(Verdict.Fails, cs.Verdict);
        Assert.Equal("0.5", cs.Result.Parameters["c"]);
        Assert.NotNull(cs.FalsifyingInstance);
        Assert.Contains("u = [", cs.FalsifyingInstance);
        Assert.Contains("--param test-cauchy-schwarz:c=0.5", cs.Replay);
        Assert.Contains("--seed 7", cs.Replay);
    }

    [Fact]
    public void FalsifyingSeedReplaysTheSameCase()
    {
        var claim = new CauchySchwarzClaim();
        var settings = new ReportSettings("quick", 7, 20)
        {
            ParameterOverrides = ParameterOverrides.Parse(["test-cauchy-schwarz:c=0.5"], [claim]),
        };
        var first = ReportRunner.RunOne(claim, settings);
        var again = ReportRunner.RunOne(claim, settings);
        Assert.Equal(first.Result.Seed, again.Result.Seed);
        Assert.Equal(first.Result.Measured, again.Result.Measured);
        Assert.Equal(first.FalsifyingInstance, again.FalsifyingInstance);
    }

    [Fact]
    public void CrashingCheckIsInconclusiveWithTheException()
    {
        var report = TestReports.Failing();
        var crash = report.Sections.Single(s => s.Id == "test-throws");
        Assert.Equal(Verdict.Inconclusive, crash.Verdict);
        Assert.Contains("InvalidOperationException", crash.Result.Detail);
        Assert.Contains("solver diverged", crash.Error);
        Assert.True(double.IsNaN(crash.Result.Measured));
        Assert.Equal(1, report.Summary.Inconclusive);
        Assert.Equal(1, report.Summary.Fails);
        Assert.Equal(1, report.Summary.Holds);
    }

    [Fact]
    public void ADivergingUfmSimulationMakesTheClaimInconclusiveWithTheDivergenceNotAnError()
    {
        // A claim whose simulation diverges (the issue's --lr 100 run): UfmSimulator throws UfmDivergedException, a
        // ClaimInconclusiveException, which the runner turns into an Inconclusive verdict with its message.
        var claim = new DelegateClaim("test-diverging-ufm", _ =>
        {
            Collapse.Ufm.Simulation.UfmSimulator.Run(new Collapse.Ufm.Model.UfmConfig { Classes = 4, Dim = 8, PerClass = 5, Steps = 1000, LearningRate = 100 });
            throw new InvalidOperationException("not reached");
        }, new Dictionary<string, string> { ["lr"] = "100" });
        var section = ReportRunner.RunOne(claim, new ReportSettings("quick", 3, 5));
        Assert.Equal(Verdict.Inconclusive, section.Verdict);
        Assert.StartsWith("UFM run diverged at step ", section.Result.Detail);
        Assert.Contains("is above the stable limit", section.Result.Detail);
        Assert.Null(section.Error);
        Assert.Equal("100", section.Result.Parameters["lr"]);
        Assert.Equal(3, section.Result.Seed);
    }

    [Fact]
    public void BadUserInputInsideACheckPropagates()
    {
        var claim = new CauchySchwarzClaim();
        var settings = new ReportSettings("quick", 1, 5)
        {
            ParameterOverrides = ParameterOverrides.Parse(["test-cauchy-schwarz:c=abc"], [claim]),
        };
        var ex = Assert.Throws<InputException>(() => ReportRunner.RunOne(claim, settings));
        Assert.Contains("c=abc", ex.Message);
    }

    [Fact]
    public void AnInstanceThatCannotBeEvaluatedIsInconclusiveAndTheRunGoesOn()
    {
        var uncertifiable = new DelegateClaim("uncertifiable", _ => throw new InputException("features: the margin is too small to certify the hard-margin SVM in float64"));
        var report = TestReports.Run([uncertifiable, new CauchySchwarzClaim()]);
        var s = report.Sections[0];
        Assert.Equal(Verdict.Inconclusive, s.Verdict);
        Assert.Equal("the instance could not be evaluated: features: the margin is too small to certify the hard-margin SVM in float64", s.Result.Detail);
        Assert.Equal(Verdict.Holds, report.Sections[1].Verdict);
    }

    [Fact]
    public void AnUnknownParameterAbortsBeforeAnyClaimRuns()
    {
        var ran = false;
        var first = new DelegateClaim("first", _ => { ran = true; return Ok("first"); });
        var second = new DelegateClaim("second", _ => Ok("second"), new Dictionary<string, string> { ["k"] = "1" });
        var settings = new ReportSettings("quick", 1, 5) { ParameterOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["second"] = new Dictionary<string, string> { ["typo"] = "1" } } };
        var ex = Assert.Throws<InputException>(() => TestReports.Run([first, second], settings));
        Assert.Contains("claim 'second' has no parameter 'typo'", ex.Message);
        Assert.False(ran);
    }

    [Fact]
    public void ContextCarriesSeedCasesAndOverridesOfThatClaimOnly()
    {
        ClaimContext? seenA = null, seenB = null;
        var a = new DelegateClaim("a", c => { seenA = c; return Ok("a"); }, new Dictionary<string, string> { ["k"] = "1" });
        var b = new DelegateClaim("b", c => { seenB = c; return Ok("b"); }, new Dictionary<string, string> { ["k"] = "1" });
        var settings = new ReportSettings("full", 42, 13) { ParameterOverrides = ParameterOverrides.Parse(["a:k=5"], [a, b]) };
        var report = TestReports.Run([a, b], settings);
        Assert.True(report.AllHold);
        Assert.Equal(42, seenA!.Seed);
        Assert.Equal(13, seenA.Cases);
        Assert.Equal("5", seenA.Parameters["k"]);
        Assert.Empty(seenB!.Parameters);
        Assert.Contains("--cases 13", report.Sections[0].Replay);
    }

    [Fact]
    public void ResultForAnotherIdIsAnInconclusiveDefect()
    {
        var liar = new DelegateClaim("x", _ => Ok("y"));
        var section = ReportRunner.RunOne(liar, new ReportSettings("quick", 1, 20));
        Assert.Equal(Verdict.Inconclusive, section.Verdict);
        Assert.Contains("'y'", section.Error);
    }

    [Fact]
    public void ProgressReportsStartAndEndOfEveryClaim()
    {
        var events = new List<ReportProgress>();
        var claims = new IClaim[] { new DelegateClaim("a", _ => Ok("a")), new DelegateClaim("b", _ => Ok("b")) };
        ReportRunner.Run(claims, new ReportSettings("quick", 1, 20), TestReports.Environment(), new SyncProgress(events.Add));
        Assert.Equal(4, events.Count);
        Assert.Null(events[0].Finished);
        Assert.Equal("a", events[1].Finished!.Id);
        Assert.Equal(1, events[3].Index);
        Assert.All(events, e => Assert.Equal(2, e.Total));
    }

    [Fact]
    public void EmptyRunDoesNotCountAsAllHolding()
    {
        var report = TestReports.Run([]);
        Assert.False(report.AllHold);
    }

    private static ClaimResult Ok(string id) =>
        new(id, new Dictionary<string, string>(), 0, 0, 1e-12, Verdict.Holds, 1, "exact");

    private sealed class SyncProgress(Action<ReportProgress> action) : IProgress<ReportProgress>
    {
        public void Report(ReportProgress value) => action(value);
    }
}
