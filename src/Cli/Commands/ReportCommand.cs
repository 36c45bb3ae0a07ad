using System.CommandLine;
using System.Globalization;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Rendering;
using Collapse.Reports.Model;
using Collapse.Reports.Output;
using Collapse.Reports.Provenance;
using Collapse.Reports.Rendering;
using Collapse.Reports.Running;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;
using Collapse.Theory;
using Spectre.Console;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse report</c>: runs the proof-sanity suite (every claim of the composed registry, or the
/// <c>--claims</c> selection) and writes report.html, report.md (+ plots/) and results.json to <c>--out</c>, and with
/// <c>--junit FILE</c> the claims as JUnit XML. Exit code 0 iff every claim holds, 1 otherwise, 2 for bad input.
/// <c>--sweep DIR</c> reports a sweep instead, <c>--run DIR …</c> training runs (<see cref="RunReportCommand"/>).
/// </summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "quick (minutes on 2 cores) or full (more cases, deep validation).", DefaultValueFactory = _ => "quick" };
        var claims = new Option<string[]>("--claims")
        {
            Description = "Comma-separated claim ids to run (a trailing * matches a prefix); default: all claims of the "
            + "profile.",
            AllowMultipleArgumentsPerToken = false
        };
        var seed = new Option<int>("--seed") { Description = "Base seed handed to every claim (replays exactly).", DefaultValueFactory = _ => 1 };
        var cases = new Option<int?>("--cases") { Description = "Random instances per claim (default: 20 for quick, 200 for full)." };
        var parameters = new Option<string[]>("--param") { Description = "Override a claim parameter, CLAIM-ID:NAME=VALUE (repeatable); e.g. make a claim deliberately false." };
        var output = new Option<string?>("--out") { Description = "Folder for report.html, report.md, plots/ and results.json (created if missing)." };
        var list = new Option<bool>("--list") { Description = "List the claims of the profile (id, kind, title) and exit." };
        var falsify = new Option<bool>("--falsify")
        {
            Description = "Run every falsifier of every selected claim (deliberately broken variants its own check must report as "
            + "failing) instead of the claims' checks; exit 0 iff every falsifier is caught."
        };
        var sweep = new Option<string?>("--sweep")
        {
            Description = "Instead of the claims: report a sweep folder (plots across its axes, failed runs, table) to --out (default "
            + "DIR/report); see docs/sweeps.md."
        };
        var run = new Option<string[]>("--run")
        {
            Description = "Instead of the claims: report a training-run folder (epochs.csv of deep train or analyze-run): panels along "
            + "epochs, γ_kl heat map, verdicts; repeat to overlay runs; --out defaults to DIR/report. See docs/deep-validation.md."
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the claims as JUnit XML to FILE (one testcase per claim) for CI systems; see docs/report.md." };

        var command = new Command("report", "Run the proof-sanity suite and write report.html, report.md and results.json; exit 0 iff every claim holds.");
        foreach (var o in new Option[] { profile, claims, seed, cases, parameters, output, list, falsify, sweep, run, junit }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(run) is { Length: > 0 } runDirs)
            {
                RunReportCommand.RefuseWith(parse, "--run", profile, claims, seed, cases, parameters, list, falsify, sweep, junit);
                return RunReportCommand.Report(runDirs, parse.GetValue(output), Environment(parse), stdout);
            }
            if (parse.GetValue(sweep) is { } sweepDir)
            {
                RunReportCommand.RefuseWith(parse, "--sweep", junit);
                return SweepCommand.Report(sweepDir, parse.GetValue(output), stdout);
            }
            var chosenProfile = ReportProfile.Parse(parse.GetValue(profile)!);
            var all = ClaimCatalog.For(chosenProfile);
            if (parse.GetValue(list))
            {
                foreach (var c in all)
                    stdout.WriteLine($"{c.Id,-40} {ReportFormat.Kind(c.Kind),-11} {c.Title}");
                return 0;
            }

            var outDir = OutputGuard.Track(parse.GetValue(output) ?? throw new InputException("--out: required (the folder the report is written to)"));
            var request = ReportRequest.Create(Claims.Registry.All, chosenProfile, outDir, parse.GetValue(claims), parse.GetValue(seed), parse.GetValue(cases),
                parse.GetValue(falsify), parse.GetValue(parameters));
            var (selected, settings) = (request.Claims, request.Settings);
            var junitFile = parse.GetValue(junit);
            if (junitFile is not null && (junitFile.Length == 0 || Directory.Exists(junitFile)))
                throw new InputException($"--junit {junitFile}: expected a file name (the JUnit XML written)");
            if (junitFile is not null && Path.GetDirectoryName(Path.GetFullPath(junitFile)) is { } junitFolder)
            {
                try { OutputGuard.RequireCreatableFolder(junitFolder, "--junit"); }
                catch (InputException) { throw new InputException($"--junit {junitFile}: cannot be written, its folder {junitFolder} is a file or lies below one"); }
            }
            var environment = Environment(parse);

            var report = ConsoleProgress.Interactive(stdout)
                ? ConsoleProgress.WithBar("claims", selected.Count,
                    task => ReportRunner.Run(selected, settings, environment, new BarProgress<ReportProgress>(task, (t, p) => ShowOnBar(t, p, settings.Falsify))))
                : ReportRunner.Run(selected, settings, environment, new LineProgress<ReportProgress>(stdout, p => Line(p, settings.Falsify)));
            var files = ReportWriter.Write(report, outDir, junitFile);

            if (settings.Falsify)
            {
                foreach (var s in report.Sections)
                    foreach (var f in s.FalsifierRuns.Where(f => !f.Caught))
                    {
                        stdout.WriteLine($"NOT CAUGHT {s.Id}/{f.Falsifier.Name}: {f.Falsifier.Broken} (verdict {ReportFormat.Verdict(f.Outcome.Result.Verdict)}: {f.Outcome.Result.Detail})");
                        stdout.WriteLine($"  replay: {f.Replay}");
                    }
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"report --falsify: {report.Falsifiers}; profile {settings.Profile}, seed {settings.Seed}; wall {ReportFormat.Seconds(report.WallSeconds)}; wrote {files.Html}, "
                        + $"{files.Markdown}, {files.Json}{(files.Junit is null ? "" : ", " + files.Junit)}"));
                return report.Passed ? 0 : 1;
            }
            foreach (var s in report.Sections.Where(s => s.Verdict != Verdict.Holds))
            {
                stdout.WriteLine($"{ReportFormat.Verdict(s.Verdict).ToUpperInvariant()} {s.Id}: {s.Result.Detail}");
                stdout.WriteLine($"  replay: {s.Replay}");
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report: {report.Summary}; {report.Summary.KindsText()}; profile {settings.Profile}, seed {settings.Seed}; wall {ReportFormat.Seconds(report.WallSeconds)}; wrote "
                    + $"{files.Html}, {files.Markdown}, {files.Json}{(files.Junit is null ? "" : ", " + files.Junit)}"));
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    private static ReportEnvironment Environment(ParseResult parse) =>
        EnvironmentProbe.Capture(typeof(ReportCommand).Assembly, ComponentAssemblies(),
            "collapse " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value))));

    private static IEnumerable<System.Reflection.Assembly> ComponentAssemblies() =>
    [
        typeof(IClaim).Assembly,
        typeof(ReportRunner).Assembly,
        typeof(ScottPlot.Plot).Assembly,
        typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly,
        typeof(TorchSharp.torch).Assembly,
        typeof(AnsiConsole).Assembly,
        typeof(Command).Assembly,
    ];

    private static string Quote(string s) =>
        s.Length > 0 && s.All(ch => !char.IsWhiteSpace(ch) && ch is not ('\'' or '"' or '*' or '$')) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Non-interactive progress: one line per finished claim (for logs and CI).</summary>
    private static string? Line(ReportProgress value, bool falsify)
    {
        if (value.Finished is not { } s) return null;
        var width = value.Total.ToString(CultureInfo.InvariantCulture).Length;
        var index = (value.Index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width);
        var status = falsify ? ReportFormat.FalsifyStatus(s) : ReportFormat.Verdict(s.Verdict);
        return $"[{index}/{value.Total}] {status,-12} {s.Id} ({ReportFormat.Seconds(s.WallSeconds)})";
    }

    /// <summary>Interactive progress: the bar names the running claim; a line per non-holding claim.</summary>
    private static void ShowOnBar(ProgressTask task, ReportProgress value, bool falsify)
    {
        if (value.Finished is not { } s)
        {
            task.Description = Markup.Escape($"{value.Index + 1}/{value.Total} {value.ClaimId}");
            return;
        }
        task.Increment(1);
        if (s.Verdict != Verdict.Holds)
        {
            var status = falsify ? ReportFormat.FalsifyStatus(s) : ReportFormat.Verdict(s.Verdict);
            AnsiConsole.MarkupLine($"[{(s.Verdict == Verdict.Fails ? "red" : "yellow")}]{Markup.Escape(status)}[/] {Markup.Escape(s.Id)}");
        }
    }
}
