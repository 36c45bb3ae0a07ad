using System.CommandLine;
using Collapse.Cli.Infrastructure;
using Collapse.Theory;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>CliApp's catch-all and the output guard, with commands that fail on purpose (injected, test-only).</summary>
public class LastLineOfDefenceTests
{
    /// <summary>A command that tracks --out, creates it with a file (and a nested folder), then fails as --fail says.</summary>
    private static Command Failing()
    {
        var output = new Option<string>("--out") { Required = true };
        var fail = new Option<string>("--fail") { DefaultValueFactory = _ => "none" };
        var command = new Command("boom") { output, fail };
        command.SetAction(parse =>
        {
            var dir = OutputGuard.Track(parse.GetValue(output)!);
            var how = parse.GetValue(fail);
            if (how == "empty") { Directory.CreateDirectory(dir); return 0; }
            Directory.CreateDirectory(Path.Combine(dir, "plots"));
            File.WriteAllText(Path.Combine(dir, "half-written.csv"), "a,b\n1,");
            return how switch
            {
                "bug" => throw new InvalidOperationException("injected failure\nsecond line"),
                "input" => throw new InputException("--fail input: injected bad input"),
                "wrapped" => throw new AggregateException(new KeyNotFoundException("inner failure")),
                _ => 0,
            };
        });
        return command;
    }

    private static CliRunner.Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, [Failing()]);
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    [Fact]
    public void AnUnexpectedExceptionIsOneLineExitThreeAndRemovesTheCreatedFolder()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("new/nested/out");
        var r = Run("boom", "--out", dir, "--fail", "bug");
        Assert.Equal(3, r.ExitCode);
        var line = Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("internal error: System.InvalidOperationException: injected failure (please report; details in ", line);
        Assert.False(Directory.Exists(fx.PathOf("new")), "the folders created for --out are removed");
        var log = line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..^1];
        try
        {
            var text = File.ReadAllText(log);
            Assert.Contains("command: collapse boom --out", text);
            Assert.Contains("System.InvalidOperationException: injected failure", text);
            Assert.Contains("second line", text);
            Assert.Contains(" at ", text); // the stack trace
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void InAnExistingFolderOnlyTheNewEntriesAreRemovedAndTheLogIsWrittenThere()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("existing");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        var r = Run("boom", "--out", dir, "--fail", "wrapped");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal($"internal error: System.Collections.Generic.KeyNotFoundException: inner failure (please report; details in {Path.Combine(Path.GetFullPath(dir), "error.log")})\n", r.Stderr);
        Assert.Equal<string>(["error.log", "keep.txt"], Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "keep.txt")));
    }

    [Fact]
    public void BadInputAfterWritingStartedLeavesNothingBehind()
    {
        using var fx = new NpyFixtures();
        var r = Run("boom", "--out", fx.PathOf("out"), "--fail", "input");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --fail input: injected bad input\n", r.Stderr);
        Assert.False(Directory.Exists(fx.PathOf("out")));
    }

    [Fact]
    public void NoCommandLeavesAnEmptyOutputFolderButFinishedOutputsStay()
    {
        using var fx = new NpyFixtures();
        Assert.Equal(0, Run("boom", "--out", fx.PathOf("a/b"), "--fail", "empty").ExitCode);
        Assert.False(Directory.Exists(fx.PathOf("a")));
        Assert.Equal(0, Run("boom", "--out", fx.PathOf("done")).ExitCode);
        Assert.True(File.Exists(fx.PathOf("done/half-written.csv")));
    }

    [Fact]
    public void ABadFlagOfTheUfmCommandLeavesNoFolder()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run("ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--features", fx.PathOf("missing.npy"), "--mode", "fixed-features", "--out", fx.PathOf("u"));
        Assert.Equal(2, r.ExitCode);
        Assert.False(Directory.Exists(fx.PathOf("u")));
    }
}
