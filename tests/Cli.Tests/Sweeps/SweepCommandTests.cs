using Xunit;
using Xunit.Abstractions;

namespace Collapse.Cli.Tests.Sweeps;

[Collection(SweepCollection.Name)]
public class SweepCommandTests(Grid12Reference reference, ITestOutputHelper log)
{
    [Fact]
    public void TwelvePointUfmSweepMergesToTwelveDoneRowsWithConfigMetricsAndVerdicts()
    {
        log.WriteLine($"local 12-point UFM sweep, --jobs 2: {reference.WallSeconds:0.0} s");
        var rows = Csv(reference.Csv);
        Assert.Equal(13, rows.Count);
        var header = rows[0];
        Assert.Equal(["index", "id", "state", "imbalance", "seed", "classes", "dim", "per-class", "steps"], header.Take(9));
        Assert.Equal("errorLine", header[^1]);
        var nc1 = header.IndexOf("final.nc1");
        var verdict = header.IndexOf("claims.ufm-margin-growth.verdict");
        var counts = header.IndexOf("samples");
        Assert.True(nc1 > 0 && verdict > 0 && counts > 0, string.Join(',', header));
        Assert.DoesNotContain("elapsedSeconds", header);
        double[] ratios = [1, 2, 3, 6];
        for (var i = 1; i <= 12; i++)
        {
            var row = rows[i];
            Assert.Equal((i - 1).ToString(), row[0]);
            Assert.Equal("done", row[2]);
            Assert.Equal(ratios[(i - 1) / 3].ToString(System.Globalization.CultureInfo.InvariantCulture), row[3]);
            Assert.Equal(((i - 1) % 3).ToString(), row[4]);
            // Two majority classes of 6 and two minority classes of max(1, round(6/R)).
            Assert.Equal((12 + 2 * Math.Max(1, (int)Math.Round(6 / ratios[(i - 1) / 3], MidpointRounding.ToEven))).ToString(), row[counts]);
            Assert.InRange(double.Parse(row[nc1], System.Globalization.CultureInfo.InvariantCulture), 0, 10);
            Assert.NotEqual("", row[verdict]);
        }
    }

    private static List<List<string>> Csv(string text) =>
        Collapse.Sweeps.Merging.Csv.Parse(text).Select(r => r.ToList()).ToList();

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
        // Runs orphaned by the kill finish on their own (and hold their lock meanwhile): they count as already done
        // or are waited for, never run twice at once.
        var already = int.Parse(System.Text.RegularExpressions.Regex.Match(resumed.Stdout, @"(\d+) already done").Groups[1].Value);
        Assert.InRange(already, atKill, 11);
        Assert.Equal(reference.Csv, SweepFixtures.Merge(sweep));
    }

    [Fact]
    public void ExecRunsOnePointByIndexThenSkipsIt()
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.EtfGrid);
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
    public void ReportOfTheUfmSweepPlotsTheMetricsAgainstTheImbalanceRatio()
    {
        var output = SweepFixtures.TempDir();
        var r = CliRunner.Run("report", "--sweep", reference.Dir, "--out", output);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("12 runs: 12 done, 0 failed, 0 unfinished", r.Stdout);
        var html = File.ReadAllText(Path.Combine(output, "sweep-report.html"));
        var md = File.ReadAllText(Path.Combine(output, "sweep-report.md"));
        Assert.Contains("aria-label=\"final.maxAngle vs imbalance\"", html);
        Assert.Contains("aria-label=\"final.svmDirectionDistance vs imbalance\"", html);
        Assert.DoesNotContain("Failed runs", html);
        var svgs = System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"plot\"").Count;
        Assert.InRange(svgs, 2, 12);
        Assert.Equal(svgs, Directory.GetFiles(Path.Combine(output, "plots"), "*.png").Length);
        Assert.Contains("imbalance: 1, 2, 3, 6", md);
        Assert.Contains($"]({Path.GetRelativePath(output, Path.Combine(reference.Dir, "sweep.csv"))})", md);
    }

    [Fact]
    public void ReportOfASweepWithAFailedRunShowsItsErrorLineInRed()
    {
        var sweep = SweepFixtures.Plan("""{"command": "etf", "fixed": {"dim": 8}, "axes": {"classes": [3, 12]}}""");
        CliRunner.Run("sweep", "run", sweep, "--local");
        var r = CliRunner.Run("report", "--sweep", sweep);
        Assert.Equal(1, r.ExitCode);
        var html = File.ReadAllText(Path.Combine(sweep, "report", "sweep-report.html"));
        Assert.Contains("<h2 class=\"fails\">Failed runs</h2>", html);
        Assert.Contains("<td>classes=12</td><td>error: ", html);
        Assert.Contains("<tr class=\"failed\">", html);
    }

    [Fact]
    public void SlurmDryRunWritesTheJobArrayScriptAndSubmitsNothing()
    {
        var sweep = SweepFixtures.Plan(SweepFixtures.EtfGrid);
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
        var sweep = SweepFixtures.Plan(SweepFixtures.EtfGrid);
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
