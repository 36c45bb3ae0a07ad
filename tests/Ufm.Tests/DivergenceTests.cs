using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Tests;

/// <summary>A run whose parameters or loss stop being finite ends at the exact step, keeping the last finite state.</summary>
public class DivergenceTests
{
    // The command: collapse ufm --classes 4 --dim 8 --per-class 5 --lr … --steps 1000.
    private static UfmConfig Diverging(double lr, UfmEngineKind engine = UfmEngineKind.Managed) => new()
    {
        Classes = 4,
        Dim = 8,
        PerClass = 5,
        Steps = 1000,
        LearningRate = lr,
        Engine = engine,
        Seed = 1,
    };

    private static readonly UfmRunOptions Keep = new() { ReturnDiverged = true };

    [Xunit.Theory]
    [InlineData(100.0, UfmEngineKind.Managed)]
    [InlineData(1000.0, UfmEngineKind.Managed)]
    [InlineData(1e30, UfmEngineKind.Managed)]
    [InlineData(100.0, UfmEngineKind.Torch)]
    public void DivergenceStopsAtTheFirstNonFiniteStepAndKeepsTheStateBefore(double lr, UfmEngineKind engine)
    {
        var run = UfmSimulator.Run(Diverging(lr, engine), Keep);
        var dv = Assert.IsType<UfmDivergence>(run.Divergence);
        Assert.False(run.Completed);
        Assert.Equal(dv.LastFiniteStep, run.StepsDone);
        Assert.Equal(dv.LastFiniteStep, run.Final.Step);
        Assert.All(run.Trajectory, row => Assert.True(double.IsFinite(row.Loss) && double.IsFinite(row.NormW) && double.IsFinite(row.NormH), $"row {row.Step} not finite"));
        Assert.True(run.Trajectory.Select(r => r.Step).SequenceEqual(run.Trajectory.Select(r => r.Step).Distinct().Order()));
        Assert.True(DivergenceWatch.Representable(run.W, run.H, run.B));
        Assert.False(double.IsFinite(dv.Loss) && double.IsFinite(dv.NormW) && double.IsFinite(dv.NormH), dv.ToString());

        // Exactness: the same run stopped one step earlier completes and ends in the same state; one step more diverges there.
        var before = UfmSimulator.Run(Diverging(lr, engine) with { Steps = dv.LastFiniteStep }, Keep);
        Assert.Null(before.Divergence);
        Assert.True(before.Completed);
        Assert.Equal(before.W, run.W);
        Assert.Equal(before.H, run.H);
        var at = UfmSimulator.Run(Diverging(lr, engine) with { Steps = dv.Step }, Keep);
        Assert.Equal(dv.Step, at.Divergence?.Step);
    }

    [Fact]
    public void TheDefaultStepSizeDoesNotDivergeAndTheAdviceNamesTheStableLimit()
    {
        var fine = UfmSimulator.Run(Diverging(lr: 1) with { LearningRate = null });
        Assert.Null(fine.Divergence);
        var dv = UfmSimulator.Run(Diverging(100), Keep).Divergence!;
        Assert.Equal(2.0 / fine.SmoothnessBound, dv.StableStepSize, 12);
        Assert.Equal(fine.StepSize, dv.DefaultStepSize, 12);
        Assert.StartsWith($"run diverged at step {dv.Step} (loss ", dv.ToString());
        Assert.Contains("is above the stable limit", dv.Advice);
    }

    [Fact]
    public void WithoutReturnDivergedTheRunThrowsAClaimInconclusiveException()
    {
        var ex = Assert.Throws<UfmDivergedException>(() => UfmSimulator.Run(Diverging(100)));
        Assert.IsAssignableFrom<ClaimInconclusiveException>(ex);
        Assert.StartsWith("UFM run diverged at step ", ex.Message);
        Assert.Equal(ex.Divergence.LastFiniteStep, ex.Run.StepsDone);
    }

    [Fact]
    public void ALearningRateAboveTheStableLimitWarnsBeforeTheFirstStep()
    {
        var warnings = new List<string>();
        var options = new UfmRunOptions { ReturnDiverged = true, Warning = warnings.Add };
        UfmSimulator.Run(Diverging(100), options);
        var warning = Assert.Single(warnings);
        Assert.StartsWith("--lr 100 is above the stable step size ", warning);
        warnings.Clear();
        UfmSimulator.Run(Diverging(1) with { LearningRate = null, Steps = 50 }, options);
        var defaultRun = UfmSimulator.Run(Diverging(1) with { LearningRate = null, Steps = 1 });
        UfmSimulator.Run(Diverging(1) with { LearningRate = 1.9 / defaultRun.SmoothnessBound, Steps = 50 }, options);
        Assert.Empty(warnings);
        // Heavy-ball momentum widens the limit to 2(1+μ)/L.
        UfmSimulator.Run(Diverging(1) with { LearningRate = 3.0 / defaultRun.SmoothnessBound, Momentum = 0.6, Steps = 50 }, options);
        Assert.Empty(warnings);
    }

    [Fact]
    public void TheCheckpointLeftBehindIsTheLastFiniteOne()
    {
        var dir = Directory.CreateTempSubdirectory("ufm-diverge-");
        try
        {
            var path = Path.Combine(dir.FullName, UfmRunner.CheckpointFile);
            var run = UfmSimulator.Run(Diverging(100), new UfmRunOptions { ReturnDiverged = true, CheckpointPath = path, CheckpointEvery = 10 });
            var dv = run.Divergence!;
            var resumed = UfmSimulator.Resume(path, Keep);
            Assert.Equal(dv.Step, resumed.Divergence?.Step); // the checkpoint is finite and replays to the same divergence
            Assert.Equal(run.W, resumed.W);
            Assert.Equal(TrajectoryCsv.Format(run.Trajectory), TrajectoryCsv.Format(resumed.Trajectory));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MomentumAndMseRunsAlsoStopAtTheirFirstNonFiniteStep()
    {
        foreach (var config in new[]
                 {
                     Diverging(100) with { Momentum = 0.9 },
                     Diverging(100) with { Loss = UfmLoss.Mse, Bias = true },
                     Diverging(10) with { Mode = UfmMode.FixedFeatures, Loss = UfmLoss.Mse, Steps = 3000 },
                     Diverging(100) with { Mode = UfmMode.FixedEtf, Loss = UfmLoss.Mse },
                 })
        {
            var run = UfmSimulator.Run(config, Keep);
            var dv = run.Divergence ?? throw new Xunit.Sdk.XunitException($"{config} did not diverge");
            var before = UfmSimulator.Run(config with { Steps = dv.LastFiniteStep }, Keep);
            Assert.Null(before.Divergence);
            Assert.Equal(before.W, run.W);
        }
    }
}
