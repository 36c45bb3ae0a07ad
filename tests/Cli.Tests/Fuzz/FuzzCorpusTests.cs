using Collapse.Cli.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Cli.Tests.Fuzz;

/// <summary>
/// Runs every case of <see cref="FuzzCorpus"/> in-process in a fresh workspace and checks the promise of docs/cli.md:
/// the exit code, exactly one <c>error:</c> line on stderr (nothing on stdout) for bad input, no stack-trace line,
/// no temporary file left, and for bad input nothing written at all (the workspace is byte-identical afterwards, so
/// a fresh --out is absent and an existing one unchanged).
/// </summary>
public class FuzzCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids() => [.. FuzzCorpus.All.Keys.Order(StringComparer.Ordinal)];

    [Xunit.Theory]
    [MemberData(nameof(Ids))]
    public void EndsWithItsDefinedOutcome(string id)
    {
        var c = FuzzCorpus.All[id];
        using var ws = new FuzzWorkspace();
        var args = c.Args(ws);
        var before = ws.Snapshot();
        var r = CliRunner.Run(args);
        var lines = r.Stderr.Length == 0 ? [] : r.Stderr.TrimEnd('\n').Split('\n');
        var context = $"{id}: collapse {string.Join(' ', args.Select(a => a.Replace(ws.Dir, "WS", StringComparison.Ordinal)))}\nexit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}";

        output.WriteLine(context);
        Assert.False(r.Stderr.Contains("expects a single argument but", StringComparison.Ordinal), "the case gives a flag twice (a corpus bug: use With's overrides)\n" + context);
        Assert.False((r.Stdout + r.Stderr).Contains("   at ", StringComparison.Ordinal), "stack trace printed\n" + context);
        Assert.True(ws.TempFiles().Count == 0, $"temporary files left: {string.Join(", ", ws.TempFiles())}\n{context}");
        switch (c.Outcome)
        {
            case FuzzOutcome.BadInput:
                Assert.True(r.ExitCode == CliApp.BadInput, "exit code\n" + context);
                AssertOneErrorLine(lines, r, before, ws, context);
                foreach (var f in c.Fragments) Assert.True(lines[0].Contains(f, StringComparison.Ordinal), $"the line names '{f}'\n{context}");
                break;
            case FuzzOutcome.NoCrash:
            case FuzzOutcome.Result:
                Assert.True(c.Outcome == FuzzOutcome.Result ? r.ExitCode == 0 : r.ExitCode is 0 or CliApp.BadInput,
                    (c.Outcome == FuzzOutcome.Result ? "exit code 0" : "exit code 0 or 2") + "\n" + context);
                if (r.ExitCode == CliApp.BadInput)
                {
                    AssertOneErrorLine(lines, r, before, ws, context);
                    break;
                }
                // A result: progress lines on stderr are allowed (docs/cli.md), an error line is not; the result is whole.
                Assert.True(!lines.Any(IsErrorLine), "exit 0 with an error line\n" + context);
                Assert.True(r.Stdout.Trim().Length > 0, "exit 0 without a result on stdout\n" + context);
                if (args.Contains("--json")) AssertJson(r.Stdout, context);
                break;
            case FuzzOutcome.Diverged:
                Assert.True(r.ExitCode == CliApp.Diverged, "exit code\n" + context);
                var errors = lines.Where(IsErrorLine).ToList();
                Assert.True(errors.Count == 1 && lines[^1] == errors[0] && errors[0].StartsWith("error: run diverged at step ", StringComparison.Ordinal), "one 'error: run diverged at step' line, last\n" + context);
                Assert.True(lines[..^1].All(l => l.StartsWith("warning: ", StringComparison.Ordinal)), "only warning lines before it\n" + context);
                foreach (var file in new[] { "trajectory.csv", "summary.json" })
                    Assert.True(File.Exists(Path.Combine(ws.Out, file)), $"the last finite state keeps {file}\n{context}");
                break;
        }
    }

    private static bool IsErrorLine(string line) =>
        line.StartsWith("error: ", StringComparison.Ordinal) || line.StartsWith("internal error: ", StringComparison.Ordinal);

    /// <summary>Bad input: exactly one <c>error:</c> line on stderr, nothing on stdout, the workspace byte-identical.</summary>
    private static void AssertOneErrorLine(string[] lines, CliRunner.Result r, IReadOnlyList<string> before, FuzzWorkspace ws, string context)
    {
        Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), "one 'error: ' line on stderr\n" + context);
        Assert.True(r.Stdout.Length == 0, "nothing on stdout\n" + context);
        Assert.True(before.SequenceEqual(ws.Snapshot()), $"something was written: {string.Join(", ", ws.Snapshot().Except(before))}\n{context}");
    }

    private static void AssertJson(string stdout, string context)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(stdout);
        }
        catch (System.Text.Json.JsonException e)
        {
            Assert.Fail($"--json printed no whole JSON document ({e.Message})\n{context}");
        }
    }

    [Fact]
    public void CoversEveryCommandWithAtLeastSixtyCases()
    {
        Assert.True(FuzzCorpus.All.Count >= 60, $"{FuzzCorpus.All.Count} cases");
        var covered = FuzzCorpus.All.Values.Select(c => c.Command).ToHashSet(StringComparer.Ordinal);
        var missing = CommandRegistry.All().Select(c => c.Name).Where(n => !covered.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "commands without a fuzz case: " + string.Join(", ", missing));
    }

    /// <summary>Every leaf command (<c>metrics shard</c>, <c>bench claims</c>, <c>deep run-trainings</c> …) is reached by some case's arguments.</summary>
    [Fact]
    public void CoversEverySubcommand()
    {
        var root = new System.CommandLine.RootCommand();
        foreach (var c in CommandRegistry.All()) root.Subcommands.Add(c);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in FuzzCorpus.All.Values)
        {
            using var ws = new FuzzWorkspace();
            reached.Add(CommandPath(root.Parse(c.Args(ws)).CommandResult.Command, root));
        }
        var leaves = new List<string>();
        void Walk(System.CommandLine.Command command)
        {
            if (command.Subcommands.Count == 0 || command.Action is not null) leaves.Add(CommandPath(command, root));
            foreach (var sub in command.Subcommands) Walk(sub);
        }
        foreach (var c in root.Subcommands) Walk(c);
        var missing = leaves.Where(l => !reached.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "subcommands without a fuzz case: " + string.Join(", ", missing));
    }

    private static string CommandPath(System.CommandLine.Command command, System.CommandLine.Command root)
    {
        var names = new List<string>();
        for (System.CommandLine.Symbol? s = command; s is not null && s != root; s = s.Parents.OfType<System.CommandLine.Command>().FirstOrDefault())
            names.Insert(0, s.Name);
        return string.Join(' ', names);
    }
}
