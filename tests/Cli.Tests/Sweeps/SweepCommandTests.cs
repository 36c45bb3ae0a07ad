using Xunit;
using Xunit.Abstractions;

namespace Collapse.Cli.Tests.Sweeps;

[Collection(SweepCollection.Name)]
public class SweepCommandTests(Grid12Reference reference, ITestOutputHelper log)
{
    [Fact]
    public void TwelvePointLocalSweepMergesToTwelveDoneRowsWithConfigAndResults()
    {
        var rows = reference.Csv.TrimEnd('\n').Split('\n');
        log.WriteLine($"local 12-point sweep, --jobs 2: {reference.WallSeconds:0.0} s");
        Assert.Equal(13, rows.Length);
        Assert.StartsWith("index,id,state,classes,seed,dim,kind,gramError,", rows[0]);
        Assert.EndsWith(",errorLine", rows[0]);
        for (var i = 1; i <= 12; i++)
        {
            var cells = rows[i].Split(',');
            Assert.Equal((i - 1).ToString(), cells[0]);
            Assert.Equal("done", cells[2]);
            Assert.Equal((3 + (i - 1) / 3).ToString(), cells[3]);
            Assert.Equal(((i - 1) % 3).ToString(), cells[4]);
            Assert.InRange(double.Parse(cells[7], System.Globalization.CultureInfo.InvariantCulture), 0, 1e-12); // every random ETF is an ETF
        }
    }

    [Fact]
    public void KilledHalfwayAndResumedTheSweepMergesToTheSameTwelveRows()
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        using (var p = SweepFixtures.Start("sweep", "run", sweep, "--local", "--jobs", "2"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (SweepFixtures.Finished(sweep) < 5 && !p.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.False(p.HasExited, "the sweep finished before it could be killed");
            p.Kill(entireProcessTree: false); // SIGKILL to the executor only: its running runs are orphaned
            p.WaitForExit();
        }
        var atKill = SweepFixtures.Finished(sweep);
        log.WriteLine($"killed with {atKill} of 12 runs finished");
        Assert.InRange(atKill, 5, 11);

        var resumed = CliRunner.Run("sweep", "run", sweep, "--local", "--jobs", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains($"{atKill} already done", resumed.Stdout);
        Assert.Equal(reference.Csv, SweepFixtures.Merge(sweep));
    }

    [Fact]
    public void ExecRunsOnePointByIndexThenSkipsIt()
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        var first = CliRunner.Run("sweep", "exec", sweep, "--index", "4");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Matches(@"^#4 [0-9a-f]{16} done \(exit 0, ", first.Stdout);
        var again = CliRunner.Run("sweep", "exec", sweep, "--index", "4");
        Assert.EndsWith("already done\n", again.Stdout);
        var merge = CliRunner.Run("sweep", "merge", sweep);
        Assert.Equal(1, merge.ExitCode);
        Assert.Contains("12 runs: 1 done, 0 failed, 11 unfinished", merge.Stdout);
    }

    [Fact]
    public void MergeListsFailedRunsWithTheirErrorLineAndKeepsTheOthers()
    {
        // K = 12 > d + 1 = 9 is impossible: that run fails with exit code 2, the other completes.
        var sweep = SweepFixtures.Plan("""{"command": "etf", "fixed": {"dim": 8}, "axes": {"classes": [3, 12]}}""");
        var run = CliRunner.Run("sweep", "run", sweep, "--local", "--jobs", "2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 done, 1 failed", run.Stdout);
        var merge = CliRunner.Run("sweep", "merge", sweep);
        Assert.Equal(1, merge.ExitCode);
        var failed = merge.Stdout.Split('\n').Single(l => l.StartsWith("failed  #1 ", StringComparison.Ordinal));
        Assert.Contains("classes=12: error: ", failed);
        var rows = File.ReadAllLines(Path.Combine(sweep, "sweep.csv"));
        Assert.Contains(",done,3,", rows[1]);
        Assert.Contains(",failed,12,", rows[2]);
        Assert.Contains("error: ", rows[2]);
        var status = File.ReadAllLines(Path.Combine(sweep, "sweep-status.csv"));
        Assert.Contains(",failed,2,", status[2]);
    }

    [Fact]
    public void SlurmDryRunWritesTheJobArrayScriptAndSubmitsNothing()
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        CliRunner.Run("sweep", "exec", sweep, "--index", "0");
        var r = CliRunner.Run("sweep", "run", sweep, "--slurm", "--dry-run", "--partition", "debug", "--time", "10", "--array-limit", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var script = Path.Combine(sweep, "slurm", "sweep.sbatch");
        var text = File.ReadAllText(script);
        Assert.StartsWith(text, r.Stdout);
        Assert.Contains("#SBATCH --array=1-11%3\n", text); // run 0 is done: only the 11 unfinished runs
        Assert.Contains("#SBATCH --partition=debug\n", text);
        Assert.Contains("#SBATCH --time=10\n", text);
        Assert.Contains($" sweep exec {Path.GetFullPath(sweep)} --index \"$SLURM_ARRAY_TASK_ID\"", text);
        Assert.Contains($"submit with: sbatch --parsable {Path.GetFullPath(script)}", r.Stdout);
        Assert.False(File.Exists(Path.Combine(sweep, "slurm", "jobs.txt")));
    }

    [Fact]
    public void TheSbatchScriptRunsEachPointThroughSweepExec()
    {
        // A stand-in for sbatch that executes every array index of the script in turn, as Slurm's tasks would.
        var dir = SweepFixtures.TempDir();
        var sbatch = SweepFixtures.Script(dir, "sbatch", """
            #!/bin/bash
            script="${@: -1}"
            array=$(sed -n 's/^#SBATCH --array=\([^%]*\).*/\1/p' "$script")
            for part in ${array//,/ }; do
              if [[ $part == *-* ]]; then seq "${part%-*}" "${part#*-}"; else echo "$part"; fi
            done | while read -r i; do SLURM_ARRAY_TASK_ID=$i bash "$script" >/dev/null 2>&1; done
            echo 4711
            """);
        var sweep = SweepFixtures.Plan("""{"command": "etf", "fixed": {"dim": 5}, "axes": {"classes": [3, 4]}, "seeds": [7]}""");
        var r = CliRunner.Run("sweep", "run", sweep, "--slurm", "--wait", "--sbatch", sbatch);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("job 4711 finished: 2 done, 0 failed, 0 unfinished of 2", r.Stdout);
        Assert.Equal("4711\n", File.ReadAllText(Path.Combine(sweep, "slurm", "jobs.txt")));
        var again = CliRunner.Run("sweep", "run", sweep, "--slurm", "--sbatch", sbatch);
        Assert.Contains("nothing to submit, all 2 runs have finished", again.Stdout);
    }

    [Theory]
    [InlineData("""{"command": "nope"}""", "command 'nope' is not a collapse command")]
    [InlineData("""{"command": "etf", "axes": {"clases": [3]}}""", "option 'clases': 'collapse etf' has no flag --clases")]
    [InlineData("""{"command": "claims"}""", "command 'claims' needs a sub-command")]
    [InlineData("""{"command": "check ramp-sandwich", "result": "summary"}""", "result 'summary' needs 'collapse check' to accept --out")]
    [InlineData("""{"command": "etf extra"}""", "takes 0 argument(s), the spec gives 1")]
    [InlineData("""{"command": "etf", "axes": {"classes": {"from": 3}}}""", "axes.classes: a range needs \"to\"")]
    public void PlanRejectsASpecThatDoesNotFitTheCommandWithOneLine(string spec, string expected)
    {
        var dir = SweepFixtures.TempDir();
        var path = Path.Combine(dir, "spec.json");
        File.WriteAllText(path, spec);
        var r = CliRunner.Run("sweep", "plan", path, "--out", Path.Combine(dir, "sweep"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith($"error: {path}: ", r.Stderr);
        Assert.Contains(expected, r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "--jobs", "2" }, "choose one executor: --local or --slurm")]
    [InlineData(new[] { "--local", "--slurm" }, "choose one executor: --local or --slurm")]
    [InlineData(new[] { "--local", "--partition", "debug" }, "--partition: only with --slurm")]
    [InlineData(new[] { "--slurm", "--jobs", "2" }, "--jobs: only with --local")]
    [InlineData(new[] { "--local", "--jobs", "0" }, "--jobs 0: must be at least 1")]
    [InlineData(new[] { "--slurm", "--dry-run", "--time", "1 day" }, "--time '1 day': expected a Slurm value")]
    [InlineData(new[] { "--local", "--collapse", "/nonexistent/collapse" }, "--collapse /nonexistent/collapse: file not found")]
    public void RunRejectsBadExecutorFlags(string[] flags, string expected)
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.Grid12);
        var r = CliRunner.Run(["sweep", "run", sweep, .. flags]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: " + expected, r.Stderr);
    }

    [Fact]
    public void RunWithoutAPlanNamesTheMissingPlan()
    {
        var dir = SweepFixtures.TempDir();
        var r = CliRunner.Run("sweep", "run", dir, "--local");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {dir}: no plan.json (run 'collapse sweep plan SPEC.json --out {dir}' first)\n", r.Stderr);
    }

    [Fact]
    public void ReplanningAfterRunsKeepsThemDone()
    {
        var dir = SweepFixtures.TempDir();
        var spec = Path.Combine(dir, "spec.json");
        File.WriteAllText(spec, """{"command": "etf", "fixed": {"dim": 5}, "axes": {"classes": [3, 4]}}""");
        var sweep = Path.Combine(dir, "sweep");
        Assert.Equal(0, CliRunner.Run("sweep", "plan", spec, "--out", sweep).ExitCode);
        Assert.Equal(0, CliRunner.Run("sweep", "run", sweep, "--local").ExitCode);
        var again = CliRunner.Run("sweep", "plan", spec, "--out", sweep, "--json");
        using var json = System.Text.Json.JsonDocument.Parse(again.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("created").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("done").GetInt32());
    }
}
