using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Slurm;
using Collapse.Theory;
using Xunit;

namespace Collapse.Sweeps.Tests;

public class SlurmTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, null, "0-3")]
    [InlineData(new[] { 0, 1, 2, 3 }, 2, "0-3%2")]
    [InlineData(new[] { 5 }, null, "5")]
    [InlineData(new[] { 0, 2, 3, 4, 7, 9, 10 }, 4, "0,2-4,7,9-10%4")]
    public void ArrayIndicesAreCompressedIntoRanges(int[] indices, int? limit, string expected) =>
        Assert.Equal(expected, SlurmArray.Format(indices, limit));

    [Fact]
    public void UnsortedOrEmptyIndicesAreAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => SlurmArray.Format([], null));
        Assert.Throws<ArgumentException>(() => SlurmArray.Format([3, 1], null));
    }

    [Fact]
    public void ScriptHasOneArrayTaskPerPendingRunEachCallingSweepExec()
    {
        var plan = Fixtures.Plan("""{"name": "grid", "command": "etf", "fixed": {"dim": 8}, "axes": {"classes": [3, 4, 5, 6]}, "seeds": 3}""");
        var launcher = new CommandLauncher("/opt/collapse dir/collapse", []);
        var script = SlurmScript.Render(plan, launcher, new SlurmOptions("debug", "00:10:00", 4, 2, "2G", "theory"), [0, 1, 2, 5, 6, 11]);
        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --job-name=collapse-grid", lines);
        Assert.Contains("#SBATCH --array=0-2,5-6,11%4", lines);
        Assert.Contains("#SBATCH --cpus-per-task=2", lines);
        Assert.Contains("#SBATCH --partition=debug", lines);
        Assert.Contains("#SBATCH --time=00:10:00", lines);
        Assert.Contains("#SBATCH --mem=2G", lines);
        Assert.Contains("#SBATCH --account=theory", lines);
        Assert.Contains($"#SBATCH --output={plan.Directory}/slurm/logs/%A_%a.log", lines);
        Assert.Contains($"#SBATCH --chdir={plan.Spec.WorkingDirectory}", lines);
        Assert.Contains($"exec '/opt/collapse dir/collapse' sweep exec {plan.Directory} --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$threads\"", lines);
        // Every #SBATCH line comes before the first command (sbatch stops reading directives there).
        var firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal)) < firstCommand);
    }

    [Fact]
    public void ADllIsStartedThroughTheDotnetHost()
    {
        var launcher = CommandLauncher.For("/x/collapse.dll");
        Assert.Equal(["/x/collapse.dll"], launcher.PrefixArguments);
        Assert.EndsWith("dotnet", Path.GetFileName(launcher.FileName));
        Assert.Equal("/x/collapse", CommandLauncher.For("/x/collapse").FileName);
    }

    [Theory]
    [InlineData("plain-word_1.x", "plain-word_1.x")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("$HOME", "'$HOME'")]
    public void ShellQuotingKeepsWordsIntact(string word, string quoted) =>
        Assert.Equal(quoted, CommandLauncher.ShellQuote(word));

    [Theory]
    [InlineData("deb ug", null, null, "--partition 'deb ug'")]
    [InlineData(null, "1;rm", null, "--time '1;rm'")]
    [InlineData(null, null, 0, "--array-limit 0: must be at least 1")]
    public void SlurmValuesThatCannotStandOnAnSbatchLineAreBadInput(string? partition, string? time, int? limit, string expected)
    {
        var ex = Assert.Throws<InputException>(() => new SlurmOptions(partition, time, limit).Validate());
        Assert.StartsWith(expected, ex.Message);
    }

    private static string Script(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task SubmissionReadsTheJobIdAndReportsRefusals()
    {
        var dir = Fixtures.TempDir();
        var ok = Script(dir, "sbatch-ok", "#!/bin/sh\necho \"4242;cluster\"\n");
        var refuse = Script(dir, "sbatch-refuse", "#!/bin/sh\necho 'sbatch: error: invalid partition specified: gpu' >&2\nexit 1\n");

        Assert.Equal("4242", await SlurmSubmitter.SubmitAsync("/tmp/x.sbatch", ok, CancellationToken.None));
        var ex = await Assert.ThrowsAsync<InputException>(() => SlurmSubmitter.SubmitAsync("/tmp/x.sbatch", refuse, CancellationToken.None));
        Assert.Equal("sbatch refused /tmp/x.sbatch: sbatch: error: invalid partition specified: gpu", ex.Message);
        var missing = await Assert.ThrowsAsync<InputException>(() => SlurmSubmitter.SubmitAsync("/tmp/x.sbatch", Path.Combine(dir, "none"), CancellationToken.None));
        Assert.StartsWith($"--sbatch {Path.Combine(dir, "none")}: cannot start it", missing.Message);
    }

    [Fact]
    public async Task WaitingEndsWhenEveryRunHasAStatusOrTheJobLeavesTheQueue()
    {
        var dir = Fixtures.TempDir();
        // squeue lists the job for its first three calls, then no more.
        var counter = Path.Combine(dir, "calls");
        var squeue = Script(dir, "squeue", $"#!/bin/sh\necho x >> {counter}\n[ $(wc -l < {counter}) -le 3 ] && echo 4242\nexit 0\n");
        var poll = TimeSpan.FromMilliseconds(20);

        await SlurmSubmitter.WaitAsync("4242", Path.Combine(dir, "no-squeue"), () => true, poll, CancellationToken.None); // nothing missing: squeue not needed
        await SlurmSubmitter.WaitAsync("4242", squeue, () => false, poll, CancellationToken.None);
        Assert.Equal(4, File.ReadAllLines(counter).Length);

        File.Delete(counter);
        var calls = 0;
        await SlurmSubmitter.WaitAsync("4242", squeue, () => ++calls > 2, poll, CancellationToken.None); // statuses complete while queued
        Assert.Equal(3, calls);
        Assert.Equal(2, File.ReadAllLines(counter).Length);

        var ex = await Assert.ThrowsAsync<InputException>(() => SlurmSubmitter.WaitAsync("4242", Path.Combine(dir, "no-squeue"), () => false, poll, CancellationToken.None));
        Assert.Contains("cannot start it to follow job 4242", ex.Message);
        Assert.Equal(Path.Combine(dir, "squeue"), SlurmSubmitter.SqueueBeside(Path.Combine(dir, "sbatch")));
        Assert.Equal("squeue", SlurmSubmitter.SqueueBeside("sbatch"));
    }
}
