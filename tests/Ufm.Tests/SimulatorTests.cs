using Collapse.Theory;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Tests;

/// <summary>Determinism, checkpoint/resume, logging schedule and the default step size of the simulator.</summary>
public class SimulatorTests
{
    private static UfmConfig Small(UfmEngineKind engine, UfmMode mode = UfmMode.Joint) => new()
    {
        Classes = 3,
        Dim = 4,
        PerClass = 5,
        Steps = 700,
        Mode = mode,
        Engine = engine,
        Momentum = 0.5,
        Bias = true,
        LambdaW = 1e-3,
        LambdaH = 1e-3,
        LambdaB = 1e-3,
        Seed = 3,
        InitScale = 0.3,
    };

    [Xunit.Theory]
    [InlineData(UfmEngineKind.Managed)]
    [InlineData(UfmEngineKind.Torch)]
    public void SameSeedGivesAnIdenticalTrajectoryCsv(UfmEngineKind engine)
    {
        var a = TrajectoryCsv.Format(UfmSimulator.Run(Small(engine)).Trajectory);
        var b = TrajectoryCsv.Format(UfmSimulator.Run(Small(engine)).Trajectory);
        Assert.Equal(a, b);
        var other = TrajectoryCsv.Format(UfmSimulator.Run(Small(engine) with { Seed = 4 }).Trajectory);
        Assert.NotEqual(a, other);
    }

    [Xunit.Theory]
    [InlineData(UfmEngineKind.Managed, UfmMode.Joint, StepSchedule.Fixed)]
    [InlineData(UfmEngineKind.Torch, UfmMode.Joint, StepSchedule.Fixed)]
    [InlineData(UfmEngineKind.Managed, UfmMode.FixedFeatures, StepSchedule.Normalized)]
    [InlineData(UfmEngineKind.Torch, UfmMode.FixedEtf, StepSchedule.Fixed)]
    public void ResumedRunEqualsTheUninterruptedRun(UfmEngineKind engine, UfmMode mode, StepSchedule schedule)
    {
        var config = Small(engine, mode) with { Schedule = schedule };
        if (schedule == StepSchedule.Normalized) config = config with { LambdaW = 0, LambdaH = 0, LambdaB = 0 };
        if (mode == UfmMode.FixedFeatures) config = config with { LambdaH = 0 };
        if (mode == UfmMode.FixedEtf) config = config with { LambdaW = 0 };
        var full = UfmSimulator.Run(config);

        var dir = Directory.CreateTempSubdirectory("ufm-resume-");
        try
        {
            var path = Path.Combine(dir.FullName, "checkpoint.bin");
            var interrupted = UfmSimulator.Run(config, new UfmRunOptions { CheckpointPath = path, CheckpointEvery = 200, StopAfter = 450 });
            Assert.False(interrupted.Completed);
            Assert.Equal(450, interrupted.StepsDone);
            var resumed = UfmSimulator.Resume(path); // continues from step 400, the last checkpoint
            Assert.True(resumed.Completed);
            Assert.Equal(TrajectoryCsv.Format(full.Trajectory), TrajectoryCsv.Format(resumed.Trajectory));
            Assert.Equal(full.W, resumed.W);
            Assert.Equal(full.H, resumed.H);
            Assert.Equal(full.B, resumed.B);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void LogScheduleIsLogSpacedAndEndsAtTheLastStep()
    {
        Assert.Equal(new long[] { 0, 1, 2, 5, 10, 22, 46, 100, 123 }, LogSchedule.Steps(123, 3));
        var steps = LogSchedule.Steps(200_000, 10);
        Assert.Equal(0, steps[0]);
        Assert.Equal(200_000, steps[^1]);
        Assert.Equal(steps.Length, steps.Distinct().Count());
        Assert.InRange(steps.Length, 50, 60);
    }

    [Fact]
    public void ImbalanceShrinksTheMinorityClasses()
    {
        var config = new UfmConfig { Classes = 5, PerClass = 20, Imbalance = 4 };
        Assert.Equal(new[] { 20, 20, 20, 5, 5 }, config.ClassCounts());
        Assert.Equal(new[] { 20, 20, 20, 1, 1 }, (config with { Imbalance = 1000 }).ClassCounts());
    }

    [Fact]
    public void DefaultStepDecreasesTheConvexFixedFeatureLossMonotonically()
    {
        // Mode (b) is convex in W and η = 1/L with L the global smoothness bound, so every GD step must decrease f.
        var config = new UfmConfig { Classes = 4, Dim = 6, PerClass = 8, Mode = UfmMode.FixedFeatures, Steps = 3000, LogPointsPerDecade = 40, Seed = 2 };
        var rows = UfmSimulator.Run(config).Trajectory;
        for (var i = 1; i < rows.Count; i++)
            Assert.True(rows[i].Loss <= rows[i - 1].Loss, $"loss rose from {rows[i - 1].Loss} to {rows[i].Loss} at step {rows[i].Step}");
        Assert.True(rows[^1].Loss < 0.1 * rows[0].Loss);
    }

    [Fact]
    public void WideFeaturesUseTheProjectedNc1WhichEqualsTheScatterForm()
    {
        // d = 40 > 32: the recorder takes nc1 from the rank-(K−1) projection; Theory's in-memory route uses the scatter.
        var run = UfmSimulator.Run(new UfmConfig { Classes = 3, Dim = 40, PerClass = 6, Steps = 50, InitScale = 0.5 });
        var direct = Collapse.Theory.Metrics.NcMetrics.Compute(run.H, run.Labels, 3, 40,
            new Collapse.Theory.Metrics.Classifier(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 40, (r, c) => run.W[r * 40 + c])));
        Assert.Equal(direct.Nc1!.Value, run.Final.Nc1, 1e-9 * direct.Nc1.Value);
        Assert.Equal(direct.Ce!.Value, run.Final.Loss, 1e-14);
    }

    [Fact]
    public void TrajectoryColumnsUseTheConventionKeys()
    {
        var header = TrajectoryCsv.Format([]).TrimEnd('\n').Split(',');
        foreach (var key in new[] { "step", "loss", "logLoss", "trainAccuracy", "minMargin", "normalizedMargin", "ufmNormalizedMargin",
                     "smoothedMargin", "normW", "normH", "nc1", "nc1TraceRatio", "cdnv", "equinormMeans", "equinormClassifier",
                     "equiangularity", "maxAngle", "etfGramError", "nc3", "nc4", "svmDirectionDistance", "svmResidual", "etfGramCosine" })
            Assert.Contains(key, header);
    }

    [Fact]
    public void BadConfigurationsAreInputErrorsNamingTheFlag()
    {
        Assert.StartsWith("--classes", Assert.Throws<InputException>(() => new UfmConfig { Classes = 1 }.Validate()).Message);
        Assert.StartsWith("--momentum", Assert.Throws<InputException>(() => new UfmConfig { Momentum = 1 }.Validate()).Message);
        Assert.StartsWith("--lambda-h", Assert.Throws<InputException>(() => new UfmConfig { Mode = UfmMode.FixedFeatures, LambdaH = 1 }.Validate()).Message);
        Assert.StartsWith("--dim", Assert.Throws<InputException>(() => new UfmConfig { Mode = UfmMode.FixedEtf, Classes = 5, Dim = 3 }.Validate()).Message);
        Assert.StartsWith("--schedule", Assert.Throws<InputException>(() => new UfmConfig { Schedule = StepSchedule.Normalized, Loss = UfmLoss.Mse }.Validate()).Message);
    }
}
