using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;
using Collapse.Theory;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class LocalExecutorTests
{
    private const string Grid = """{"command": "fake", "axes": {"classes": [1, 2, 3], "mode": ["ok", "fail"]}, "seeds": 2}""";

    [Fact]
    public async Task AFailingRunNeverLosesTheOthers()
    {
        var plan = Fixtures.Plan(Grid);
        var reports = new List<SweepProgress>();
        var summary = await LocalExecutor.RunAsync(plan, 2, false, Fixtures.InProcess(plan), new SyncProgress(reports), CancellationToken.None);
        Assert.Equal(12, summary.Ran);
        Assert.Equal(6, summary.Done);
        Assert.Equal(6, summary.Failed);
        Assert.Equal(0, summary.Unfinished);
        Assert.False(summary.AllDone);
        Assert.Equal(12, reports.Count);
        Assert.Equal(Enumerable.Range(1, 12), reports.Select(r => r.Finished).Order());
        foreach (var run in plan.Runs)
        {
            var expected = run.Config.Options.Single(o => o.Key == "mode").CellText == "ok" ? RunState.Done : RunState.Failed;
            Assert.Equal(expected, RunStatus.StateOf(plan.RunDir(run)));
        }
    }

    [Fact]
    public async Task ResumingRedoesOnlyUnfinishedRunsAndRetryFailedRedoesFailedOnes()
    {
        var plan = Fixtures.Plan(Grid);
        // Finish runs 0..4 first, as an interrupted execution would have.
        foreach (var run in plan.Runs.Take(5))
            await RunExecutor.ExecuteAsync(plan, run, Fixtures.FakeCollapse, null, CancellationToken.None);
        var executed = new List<int>();
        LocalExecutor.RunOne counting = async (run, token) =>
        {
            lock (executed) executed.Add(run.Index);
            return await RunExecutor.ExecuteAsync(plan, run, Fixtures.FakeCollapse, null, token);
        };
        var resumed = await LocalExecutor.RunAsync(plan, 2, false, counting, null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(5, 7), executed.Order());
        Assert.Equal(3, resumed.AlreadyDone);
        Assert.Equal(2, resumed.SkippedFailed);

        executed.Clear();
        var retried = await LocalExecutor.RunAsync(plan, 2, true, counting, null, CancellationToken.None);
        Assert.Equal(6, executed.Count);
        Assert.Equal(6, retried.AlreadyDone);
    }

    [Fact]
    public async Task NoMoreThanJobsRunsExecuteAtOnce()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "seeds": 8}""");
        int running = 0, peak = 0;
        LocalExecutor.RunOne slow = async (run, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(50, token);
            Interlocked.Decrement(ref running);
            return await RunExecutor.ExecuteAsync(plan, run, Fixtures.FakeCollapse, null, token);
        };
        await LocalExecutor.RunAsync(plan, 3, false, slow, null, CancellationToken.None);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task CancellingLeavesTheRunningRunsUnfinished()
    {
        var plan = Fixtures.Plan("""{"command": "fake", "fixed": {"mode": "sleep"}, "seeds": 3}""");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var summary = await LocalExecutor.RunAsync(plan, 2, false, Fixtures.InProcess(plan), null, cts.Token);
        Assert.Equal(3, summary.Unfinished);
        Assert.Equal(0, summary.Done + summary.Failed);
    }

    [Fact]
    public async Task JobsBelowOneIsBadInput()
    {
        var plan = Fixtures.Plan(Grid);
        var ex = await Assert.ThrowsAsync<InputException>(() => LocalExecutor.RunAsync(plan, 0, false, Fixtures.InProcess(plan), null, CancellationToken.None));
        Assert.Equal("--jobs 0: must be at least 1", ex.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private sealed class SyncProgress(List<SweepProgress> sink) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) { lock (sink) sink.Add(value); }
    }
}
