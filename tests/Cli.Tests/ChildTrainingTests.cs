using System.Diagnostics;
using System.Text.Json;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Tests.Sweeps;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory;
using Collapse.Theory.Metrics;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>
/// Deep trainings in child collapse processes: the same results as in-process, a child killed by a signal is retried
/// once, a second death is a TrainingCrashedException naming the signal, and the report still finishes. The children
/// kill themselves through the test-only hook COLLAPSE_TEST_KILL_TRAINING, set only in the child's environment.
/// </summary>
public class ChildTrainingTests
{
    private static DataSplit Tiny() => DatasetCatalog.Load("gaussian:k=3,d=4,n=10,test=12,sep=5,seed=1");

    private static IReadOnlyList<TrainingOptions> Jobs(int count = 3) => Enumerable.Range(0, count).Select(s => new TrainingOptions
    {
        Model = new ModelConfig(ModelKind.Mlp, 8, 1),
        Epochs = 3,
        BatchSize = 10,
        Seed = s,
        SvmEvery = 0,
        LearningRateMilestones = TrainingOptions.DefaultMilestones(3), // the schedule of `deep train --epochs 3`
    }).ToList();

    private static ChildProcessTrainingRunner Runner(string? kill = null, List<string>? log = null) =>
        new(args =>
        {
            var psi = CollapseExecutable.Locate(null).StartInfo(args, Directory.GetCurrentDirectory());
            if (kill is not null) psi.Environment[TrainingBatchWorker.KillHookVariable] = kill;
            return psi;
        }, log: log is null ? null : log.Add);

    /// <summary>The result without its wall times (which differ between any two runs), the metric engine's step timings included.</summary>
    private static string Timeless(TrainingResult r) => TrainingJson.Serialize(r with
    {
        WallSeconds = 0,
        Epochs = r.Epochs.Select(e => e with { EpochSeconds = 0, MeasureSeconds = 0, SvmSeconds = 0, Train = Timeless(e.Train), Test = Timeless(e.Test) }).ToList(),
    });

    private static MetricReport? Timeless(MetricReport? m) =>
        m?.Engine is null ? m : m with { Engine = m.Engine with { Timings = null } };

    [Fact]
    public void ChildProcessesGiveTheResultsOfAnOrdinaryTrainingInOrder()
    {
        var data = Tiny();
        var seen = new List<int>();
        var child = Runner().TrainAll(data, Jobs(), (i, _) => seen.Add(i));
        Assert.Equal([0, 1, 2], seen);
        // The same training in its own collapse process (deep train, in-process there): the same epochs.csv, timings aside.
        using var fx = new NpyFixtures();
        var (code, _, stderr) = RunCollapse(null, "deep", "train", "--dataset", "gaussian:k=3,d=4,n=10,test=12,sep=5,seed=1", "--width", "8", "--depth", "1",
            "--epochs", "3", "--batch-size", "10", "--seed", "2", "--svm-every", "0", "--out", fx.PathOf("t"));
        Assert.True(code == 0, stderr);
        Assert.Equal(WithoutTimings(File.ReadAllText(fx.PathOf("t/epochs.csv"))), WithoutTimings(Collapse.DeepValidation.Output.EpochTable.Format(child[2].Epochs)));
    }

    private static string WithoutTimings(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        var keep = Enumerable.Range(0, lines[0].Length).Where(i => !lines[0][i].EndsWith("Seconds", StringComparison.Ordinal)).ToList();
        return string.Join('\n', lines.Select(cells => string.Join(',', keep.Select(i => cells[i]))));
    }

    [Xunit.Theory]
    [InlineData("SIGSEGV")]
    [InlineData("SIGABRT")]
    [InlineData("SIGBUS")]
    public void AChildKilledOnceIsRetriedInANewProcessAndTheResultsAreTheSame(string signal)
    {
        var data = Tiny();
        var log = new List<string>();
        var runner = Runner($"{signal}:1:1", log);
        var seen = new List<int>();
        var child = runner.TrainAll(data, Jobs(), (i, _) => seen.Add(i));
        Assert.Equal(1, runner.Retries);
        Assert.Equal([0, 1, 2], seen); // job 0 is not redone, job 1 is retried once
        var line = Assert.Single(log);
        Assert.StartsWith($"training 2 of 3 (seed 1, mlp 8×1, 3 epochs) was killed by {signal}; retrying it in a new process", line);
        Assert.Equal(Runner().TrainAll(data, Jobs()).Select(Timeless), child.Select(Timeless));
    }

    [Fact]
    public void AChildKilledTwiceIsATrainingCrashNamingTheSignal()
    {
        var seen = new List<int>();
        var runner = Runner("SIGSEGV:1");
        var ex = Assert.Throws<TrainingCrashedException>(() => runner.TrainAll(Tiny(), Jobs(), (i, _) => seen.Add(i)));
        Assert.Equal("SIGSEGV", ex.Signal);
        Assert.Equal(1, ex.Job);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal([0], seen);
        Assert.Equal("training 2 of 3 (seed 1, mlp 8×1, 3 epochs) was killed by SIGSEGV in both attempts (a native fault in libtorch; see docs/deep-validation.md, \"Native faults\"); no verdict", ex.Message);
        Assert.IsAssignableFrom<Collapse.Theory.Claims.ClaimInconclusiveException>(ex);
    }

    [Fact]
    public void BadInputInTheChildIsBadInputInTheParent()
    {
        var diverging = Jobs(1).Select(j => j with { LearningRate = 1e30, Model = new ModelConfig(ModelKind.Mlp, 8, 1, BatchNorm: false) }).ToList();
        var ex = Assert.Throws<InputException>(() => Runner().TrainAll(Tiny(), diverging));
        Assert.StartsWith("training diverged at epoch 1", ex.Message);
    }

    [Fact]
    public void TheBatchFolderIsRemovedAfterwards()
    {
        var root = Path.Combine(Path.GetTempPath(), "collapse-child-tests-" + Guid.NewGuid().ToString("N"));
        var runner = new ChildProcessTrainingRunner(args => CollapseExecutable.Locate(null).StartInfo(args, Directory.GetCurrentDirectory())) { WorkRoot = root };
        runner.TrainAll(Tiny(), Jobs(1));
        Assert.Empty(Directory.GetFileSystemEntries(root));
        Directory.Delete(root);
    }

    private const string PermutationClaim = "deep-permutation-etf-vs-hetero";

    private static string[] TinyPermutationReport(string outDir) =>
    [
        "report", "--profile", "full", "--claims", PermutationClaim, "--out", outDir,
        "--param", $"{PermutationClaim}:dataset=gaussian:k=3,d=4,n=10,test=12,sep=5", "--param", $"{PermutationClaim}:width=8",
        "--param", $"{PermutationClaim}:depth=1", "--param", $"{PermutationClaim}:epochs=3", "--param", $"{PermutationClaim}:lrMilestones=",
        "--param", $"{PermutationClaim}:batchSize=10", "--param", $"{PermutationClaim}:permutations=2", "--param", $"{PermutationClaim}:seeds=2",
    ];

    private static (int Code, string Stdout, string Stderr) RunCollapse(string? kill, params string[] args)
    {
        var psi = CollapseExecutable.Locate(null).StartInfo(args, Directory.GetCurrentDirectory());
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        if (kill is not null) psi.Environment[TrainingBatchWorker.KillHookVariable] = kill;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    [Fact]
    public void AReportWhoseTrainingDiesTwiceFinishesWithTheClaimInconclusiveNamingTheSignal()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("r");
        var (code, stdout, stderr) = RunCollapse("SIGSEGV:2", TinyPermutationReport(dir));
        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("retrying it in a new process", stderr);
        foreach (var f in new[] { "report.html", "report.md", "results.json" }) Assert.True(File.Exists(Path.Combine(dir, f)), f);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var claim = json.RootElement.GetProperty("claims")[0];
        Assert.Equal("inconclusive", claim.GetProperty("verdict").GetString());
        Assert.Equal("training 3 of 8 (seed 1, mlp 8×1, 3 epochs, fixed etf classifier (permutation seed 1001)) was killed by SIGSEGV in both attempts (a native fault in libtorch; see docs/deep-validation.md, \"Native faults\"); no verdict",
            claim.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, claim.GetProperty("error").ValueKind);
    }

    [Fact]
    public void AReportWhoseTrainingDiesOnceGetsItsVerdict()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("r");
        var (code, stdout, stderr) = RunCollapse("SIGSEGV:2:1", TinyPermutationReport(dir));
        Assert.True(code is 0 or 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Single(stderr.TrimEnd('\n').Split('\n'), l => l.Contains("was killed by SIGSEGV; retrying it in a new process", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var detail = json.RootElement.GetProperty("claims")[0].GetProperty("detail").GetString()!;
        Assert.DoesNotContain("SIGSEGV", detail);
        Assert.Contains("8 trainings", detail);
    }

    [Fact]
    public void DeepPermutationsPrintsInconclusiveAfterTwoDeathsAndExitsZero()
    {
        var (code, stdout, stderr) = RunCollapse("SIGABRT:0", "deep", "permutations", "--dataset", "gaussian:k=3,d=4,n=10,test=12,sep=5", "--width", "8", "--depth", "1",
            "--epochs", "3", "--batch-size", "10", "--permutations", "2", "--seeds", "2", "--classifier", "etf");
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.EndsWith("INCONCLUSIVE  permutation-dependent-generalization: training 1 of 4 (seed 0, mlp 8×1, 3 epochs, fixed etf classifier) was killed by SIGABRT in both attempts (a native fault in libtorch; see docs/deep-validation.md, \"Native faults\"); no verdict\n", stdout);
    }
}
