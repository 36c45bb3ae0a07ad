using System.CommandLine;
using Collapse.Reports.Model;
using Collapse.Reports.Runs;
using Collapse.Theory;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse report --run DIR [--run DIR2 …] [--out OUT]</c>: the report of training-run folders (panels along
/// epochs, γ_kl heat map, claim verdicts; <see cref="RunReport"/>). Exit 0 when written, 1 when a run's claims.csv
/// holds a falsified claim, 2 for bad input (nothing is written then).
/// </summary>
public static class RunReportCommand
{
    /// <summary>Loads the runs, builds and writes the report, prints one summary line.</summary>
    public static int Report(IReadOnlyList<string> runDirs, string? outDir, ReportEnvironment environment, TextWriter stdout)
    {
        var runs = RunFolderLoader.LoadAll(runDirs);
        var target = outDir ?? RunReportWriter.DefaultOutput(runDirs)
            ?? throw new InputException("--out: required when the --run folders share no parent folder");
        var report = RunReport.Build(runs, environment);
        var files = RunReportWriter.Write(report, Collapse.Cli.Infrastructure.OutputGuard.Track(target));
        var described = string.Join("; ", runs.Select(r =>
            $"{r.Label}: {r.Epochs.Epochs.Count} epochs, {(r.TptStart is int t ? $"TPT start {t}" : "no TPT start")}, claims {RunReport.ClaimSummary(r.Claims)}"));
        stdout.WriteLine($"run report: {described}; {report.Panels.Count} panels, {report.Heatmaps.Count} heat map{(report.Heatmaps.Count == 1 ? "" : "s")}; wrote {files.Html}, "
            + $"{files.Markdown}, {files.Json}");
        return report.AnyClaimFails ? 1 : 0;
    }

    /// <summary>Refuses options of the claims report given together with <paramref name="mode"/> (e.g. <c>--run</c>).</summary>
    public static void RefuseWith(ParseResult parse, string mode, params Option[] options)
    {
        foreach (var o in options)
            if (parse.GetResult(o) is { Implicit: false })
                throw new InputException($"{o.Name}: not used with {mode} (it applies to the claims report)");
    }

    /// <summary>The line a command that wrote a run folder prints: the one command that draws its report.</summary>
    public static string Hint(string runDir) =>
        $"report of this run: collapse report --run {Quote(runDir)}   (writes {Path.Combine(runDir, "report", "report.html")})";

    private static string Quote(string s) =>
        s.Length > 0 && s.All(ch => !char.IsWhiteSpace(ch) && ch is not ('\'' or '"' or '*' or '$' or '\\' or '`')) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
