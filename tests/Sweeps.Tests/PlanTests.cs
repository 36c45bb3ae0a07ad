using Collapse.Sweeps.Planning;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class PlanTests
{
    private const string Grid = """{"name": "grid", "command": "etf", "fixed": {"dim": 8}, "axes": {"classes": [3, 4, 5, 6]}, "seeds": 3}""";

    [Fact]
    public void PlanWritesOneFolderPerPointWithItsConfigAndAPlanFile()
    {
        var dir = Fixtures.TempDir();
        var outcome = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir);
        Assert.Equal(12, outcome.Plan.Runs.Count);
        Assert.Equal(12, outcome.Created);
        Assert.Equal(12, Directory.GetDirectories(SweepLayout.RunsDir(dir)).Length);
        foreach (var run in outcome.Plan.Runs)
        {
            var config = RunConfig.Read(SweepLayout.ConfigFile(outcome.Plan.RunDir(run)));
            Assert.Equal(run.Id, config.Id);
            Assert.Equal(run.Config.Arguments(), config.Arguments());
        }
        Assert.True(File.Exists(SweepLayout.PlanFile(dir)));
    }

    [Fact]
    public void ReplanningIsIdempotentAndLeavesRunFoldersUntouched()
    {
        var dir = Fixtures.TempDir();
        var first = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir);
        var configs = first.Plan.Runs.Select(r => File.ReadAllBytes(SweepLayout.ConfigFile(first.Plan.RunDir(r)))).ToList();
        var plan = File.ReadAllBytes(SweepLayout.PlanFile(dir));
        var second = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir);
        Assert.Equal(0, second.Created);
        Assert.Equal(12, second.Existing);
        Assert.Equal(first.Plan.Runs.Select(r => r.Id), second.Plan.Runs.Select(r => r.Id));
        Assert.Equal(configs, second.Plan.Runs.Select(r => File.ReadAllBytes(SweepLayout.ConfigFile(second.Plan.RunDir(r)))));
        Assert.Equal(plan, File.ReadAllBytes(SweepLayout.PlanFile(dir)));
    }

    [Fact]
    public void ExtendingAnAxisKeepsTheOldRunsAndAddsOnlyTheNewPoints()
    {
        var dir = Fixtures.TempDir();
        var first = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir);
        var wider = SweepPlanner.Plan(Fixtures.Spec(Grid.Replace("[3, 4, 5, 6]", "[3, 4, 5, 6, 7]"), dir), dir);
        Assert.Equal(15, wider.Plan.Runs.Count);
        Assert.Equal(3, wider.Created);
        Assert.Subset(wider.Plan.Runs.Select(r => r.Id).ToHashSet(), first.Plan.Runs.Select(r => r.Id).ToHashSet());
        var narrower = SweepPlanner.Plan(Fixtures.Spec(Grid.Replace("[3, 4, 5, 6]", "[3, 4]"), dir), dir);
        Assert.Equal(9, narrower.Stale);
    }

    [Fact]
    public void PlanFileRebuildsTheSameRunsInTheSameOrder()
    {
        var dir = Fixtures.TempDir();
        var planned = SweepPlanner.Plan(Fixtures.Spec("""{"command": "etf", "axes": {"x": {"from": 0.1, "to": 0.3, "step": 0.1}, "y": ["a", "b"]}, "seeds": [4, 2]}""", dir), dir).Plan;
        var loaded = SweepPlan.Load(dir);
        Assert.Equal(planned.Runs.Select(r => (r.Index, r.Id)), loaded.Runs.Select(r => (r.Index, r.Id)));
        Assert.Equal(planned.Spec.WorkingDirectory, loaded.Spec.WorkingDirectory);
        Assert.Equal(planned.Runs[5].Id, loaded.ByIndex(5).Id);
        Assert.Equal(5, loaded.ById(planned.Runs[5].Id).Index);
    }

    [Fact]
    public void AnEditedRunConfigIsRefused()
    {
        var dir = Fixtures.TempDir();
        var plan = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir).Plan;
        var path = SweepLayout.ConfigFile(plan.RunDir(plan.Runs[0]));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"dim\": 8", "\"dim\": 9"));
        var ex = Assert.Throws<InputException>(() => SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir));
        Assert.Contains("does not match its configuration", ex.Message);
    }

    [Fact]
    public void MissingPlanAndBadIndicesAreNamed()
    {
        var dir = Fixtures.TempDir();
        Assert.Contains("no plan.json", Assert.Throws<InputException>(() => SweepPlan.Load(dir)).Message);
        Assert.Contains("sweep folder not found", Assert.Throws<InputException>(() => SweepPlan.Load(Path.Combine(dir, "nope"))).Message);
        var plan = SweepPlanner.Plan(Fixtures.Spec(Grid, dir), dir).Plan;
        Assert.Contains("--index 12: outside [0, 12)", Assert.Throws<InputException>(() => plan.ByIndex(12)).Message);
        Assert.Contains("--id abc: no run", Assert.Throws<InputException>(() => plan.ById("abc")).Message);
    }

    [Fact]
    public void PointsThatRunTheSameCommandLineAreRejected()
    {
        // false leaves a boolean flag out, so permute=false and an absent flag would be one run twice.
        var spec = Fixtures.Spec("""{"command": "etf", "axes": {"permute": [false, true]}}""");
        Assert.Equal(2, SweepPlan.Of(spec, "/tmp/x").Runs.Count);
        var clash = spec with { Axes = [new SweepAxis("permute", [SweepValue.Bool(false), SweepValue.Bool(false)])] };
        Assert.Contains("run the same command line", Assert.Throws<InputException>(() => SweepPlan.Of(clash, "/tmp/x")).Message);
    }
}
