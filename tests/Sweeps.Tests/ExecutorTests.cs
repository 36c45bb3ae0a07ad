using System.Text.Json;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class ExecutorTests
{
    private static async Task<(SweepPlan Plan, RunOutcome Outcome)> RunOne(string mode, string result = "json")
    {
        var plan = Fixtures.Plan($"{{\"command\": \"fake\", \"result\": \"{result}\", \"fixed\": {{\"classes\": 3, \"seed\": 5, \"mode\": \"{mode}\"}}}}");
        var outcome = await RunExecutor.ExecuteAsync(plan, plan.Runs[0], Fixtures.FakeCollapse, null, CancellationToken.None);
        return (plan, outcome);
    }

    [Fact]
    public async Task ASuccessfulRunWritesItsResultOutputsAndADoneStatus()
    {
        var (plan, outcome) = await RunOne("ok");
        var dir = plan.RunDir(plan.Runs[0]);
        Assert.Equal(RunState.Done, outcome.State);
        Assert.Equal(0, outcome.Status!.ExitCode);
        Assert.Null(outcome.Status.ErrorLine);
        using var result = JsonDocument.Parse(File.ReadAllText(SweepLayout.ResultFile(dir)));
        Assert.Equal(15, result.RootElement.GetProperty("product").GetInt32());
        Assert.Equal(File.ReadAllText(SweepLayout.StdoutFile(dir)), File.ReadAllText(SweepLayout.ResultFile(dir)));
        Assert.Equal(RunState.Done, RunStatus.Read(dir)!.State);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp").Concat(Directory.GetFiles(dir, ".*.tmp")));
    }

    [Fact]
    public async Task SummaryModeHandsTheCommandAnOutFolderAndReadsSummaryJson()
    {
        var (plan, outcome) = await RunOne("ok", "summary");
        var dir = plan.RunDir(plan.Runs[0]);
        Assert.Equal(RunState.Done, outcome.State);
        Assert.Equal("", File.ReadAllText(SweepLayout.StdoutFile(dir)));
        Assert.Equal(File.ReadAllText(Path.Combine(SweepLayout.OutDir(dir), "summary.json")), File.ReadAllText(SweepLayout.ResultFile(dir)));
    }

    [Fact]
    public async Task AFalsifiedClaimIsAResultNotAFailure()
    {
        var (_, outcome) = await RunOne("falsified");
        Assert.Equal(RunState.Done, outcome.State);
        Assert.Equal(1, outcome.Status!.ExitCode);
    }

    [Theory]
    [InlineData("fail", 2, "error: --classes 3: refused")]
    [InlineData("crash", 134, "Unhandled exception. System.InvalidOperationException: boom")]
    [InlineData("garbage", 0, "no result: stdout: not valid JSON")]
    public async Task AFailedRunRecordsItsExitCodeAndTheLineThatExplainsIt(string mode, int exitCode, string line)
    {
        var (plan, outcome) = await RunOne(mode);
        var dir = plan.RunDir(plan.Runs[0]);
        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Equal(exitCode, outcome.Status!.ExitCode);
        Assert.StartsWith(line, outcome.Status.ErrorLine);
        Assert.False(File.Exists(SweepLayout.ResultFile(dir)));
        Assert.Equal(outcome.Status, RunStatus.Read(dir));
    }

    [Fact]
    public async Task ACommandThatCannotStartIsAFailedRun()
    {
        var plan = Fixtures.Plan("""{"command": "fake"}""");
        var outcome = await RunExecutor.ExecuteAsync(plan, plan.Runs[0], new CommandLauncher("/nonexistent/collapse", []), null, CancellationToken.None);
        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Null(outcome.Status!.ExitCode);
        Assert.StartsWith("cannot start /nonexistent/collapse", outcome.Status.ErrorLine);
    }

    [Fact]
    public async Task ACancelledRunIsKilledAndLeftWithoutStatus()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "fixed": {"mode": "sleep"}}""");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunExecutor.ExecuteAsync(plan, plan.Runs[0], Fixtures.FakeCollapse, null, cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the sleeping command was not killed");
        Assert.Null(RunStatus.Read(plan.RunDir(plan.Runs[0])));
        Assert.Empty(Directory.GetFiles(plan.RunDir(plan.Runs[0]), "*.tmp"));
    }

    [Fact]
    public async Task ADoneRunIsSkippedAndAFailedOneIsRerunFromAClearFolder()
    {
        var (plan, first) = await RunOne("ok");
        var again = await RunExecutor.ExecuteAsync(plan, plan.Runs[0], Fixtures.FakeCollapse, null, CancellationToken.None);
        Assert.True(again.Skipped);
        Assert.Equal(first.Status, again.Status);

        var (failedPlan, failed) = await RunOne("fail");
        Assert.Equal(RunState.Failed, failed.State);
        // The same run folder, now executed by a launcher that succeeds: the failed status is replaced.
        var ok = new CommandLauncher("/bin/sh", ["-c", "echo '{\"fixed\": true}'", "sh"]);
        var rerun = await RunExecutor.ExecuteAsync(failedPlan, failedPlan.Runs[0], ok, null, CancellationToken.None);
        Assert.False(rerun.Skipped);
        Assert.Equal(RunState.Done, rerun.State);
    }

    [Fact]
    public void ARunLockExcludesASecondHolderUntilReleased()
    {
        var path = Path.Combine(Fixtures.TempDir(), ".lock");
        using (var held = RunLock.TryAcquire(path))
        {
            Assert.NotNull(held);
            Assert.Null(RunLock.TryAcquire(path));
        }
        using var again = RunLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task AnExecutorWaitsForTheRunsCurrentHolderAndThenSkipsItIfDone()
    {
        var (plan, _) = await RunOne("ok");
        var dir = plan.RunDir(plan.Runs[0]);
        var held = RunLock.TryAcquire(SweepLayout.LockFile(dir))!;
        var waiting = RunExecutor.ExecuteAsync(plan, plan.Runs[0], Fixtures.FakeCollapse, null, CancellationToken.None);
        await Task.Delay(400);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        Assert.True((await waiting).Skipped);
    }

    [Fact]
    public async Task ThreadsAreBoundedThroughTheEnvironment()
    {
        var plan = Fixtures.Plan("""{"command": "fake"}""");
        var env = new CommandLauncher("/bin/sh", ["-c", "printf '{\"omp\": \"%s\", \"run\": \"%s\"}' \"$OMP_NUM_THREADS\" \"$COLLAPSE_SWEEP_RUN\"", "sh"]);
        var outcome = await RunExecutor.ExecuteAsync(plan, plan.Runs[0], env, 3, CancellationToken.None);
        using var result = JsonDocument.Parse(File.ReadAllText(SweepLayout.ResultFile(plan.RunDir(plan.Runs[0]))));
        var expected = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_NUM_THREADS")) ? "3" : Environment.GetEnvironmentVariable("OMP_NUM_THREADS");
        Assert.Equal(expected, result.RootElement.GetProperty("omp").GetString());
        Assert.Equal(plan.Runs[0].Id, result.RootElement.GetProperty("run").GetString());
        Assert.Equal(RunState.Done, outcome.State);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("warning: slow\nerror: --dim 2: too small\n", "error: --dim 2: too small")]
    [InlineData("Unhandled exception. System.Exception: x\n   at A.B()\n", "Unhandled exception. System.Exception: x")]
    [InlineData("first\nlast\n\n", "last")]
    public void ErrorLineIsTheErrorLineElseTheExceptionElseTheLastLine(string stderr, string? expected) =>
        Assert.Equal(expected, RunExecutor.ErrorLine(stderr));
}
