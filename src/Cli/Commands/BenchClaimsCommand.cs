using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Collapse.Cli.Infrastructure;
using Collapse.Reports.Rendering;
using Collapse.Reports.Running;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse bench claims</c>: the tolerance survey. Runs every non-empirical claim (or the <c>--claims</c>
/// selection) over many base seeds (<see cref="ToleranceSurvey"/>) and prints, per claim, the tolerance, the worst
/// excess over the seeds, the headroom (tolerance / worst excess), the informative fraction and the median slack.
/// Exit 0 iff every run holds and every headroom is at least <c>--min-headroom</c>; 1 otherwise; 2 for bad input.
/// </summary>
public static class BenchClaimsCommand
{
    /// <summary>Creates the <c>claims</c> subcommand of <c>collapse bench</c>.</summary>
    public static Command Create()
    {
        var seeds = new Option<string>("--seeds") { Description = "Base seeds: a range and/or list, e.g. 1-10 or 1-5,42.", DefaultValueFactory = _ => "1-10" };
        var cases = new Option<int>("--cases") { Description = "Random cases per run (20 = the quick profile).", DefaultValueFactory = _ => ReportProfile.Quick.Cases };
        var claims = new Option<string[]>("--claims") { Description = "Comma-separated claim ids (a trailing * matches a prefix); default: every non-empirical claim." };
        var parameters = new Option<string[]>("--param") { Description = "Override a claim parameter, CLAIM-ID:NAME=VALUE (repeatable)." };
        var minHeadroom = new Option<double>("--min-headroom")
        {
            Description = "Headroom (tolerance / worst excess) below which a claim is flagged LOW and the exit code is "
            + "1.",
            DefaultValueFactory = _ => 3
        };
        var markdown = new Option<bool>("--markdown") { Description = "Print the table as Markdown (for docs/tolerances.md)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (every seed's run) instead of text." };
        var command = new Command("claims", "Tolerance survey: each claim's check over many seeds; worst excess vs tolerance (headroom), informative fraction, median slack.");
        foreach (var o in new Option[] { seeds, cases, claims, parameters, minHeadroom, markdown, json }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var seedList = ParseSeeds(parse.GetValue(seeds)!);
            var caseCount = parse.GetValue(cases);
            if (caseCount < 1) throw new InputException($"--cases {caseCount}: must be at least 1");
            ClaimContext.CheckAtMostMaxCases(caseCount);
            var min = parse.GetValue(minHeadroom);
            if (!(min >= 0)) throw new InputException($"--min-headroom {min}: must be a number >= 0");
            if (parse.GetValue(markdown) && parse.GetValue(json)) throw new InputException("--markdown and --json: choose one");
            var plan = ToleranceSurveyPlan.Create(Claims.Registry.All, parse.GetValue(claims), parse.GetValue(parameters), seedList, caseCount);

            var output = parse.InvocationConfiguration.Output;
            var progress = parse.InvocationConfiguration.Error;
            var rows = plan.Run((i, row) =>
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{i + 1}/{plan.Claims.Count}] {row.ClaimId}: {row.Holds}/{row.Runs.Count} hold, headroom {Headroom(row.Headroom)} ({ReportFormat.Seconds(row.MeanSeconds)} per seed)"));
                progress.Flush();
            });
            var load = LoadAverage.OneMinuteText() ?? "n/a";
            output.Write(parse.GetValue(json) ? Json(rows, seedList, caseCount, min, load)
                : parse.GetValue(markdown) ? Markdown(rows, min) : Text(rows, min));
            var flagged = rows.Where(r => r.Flagged(min)).ToList();
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench claims: {rows.Count} claims × {seedList.Count} seeds ({Seeds(seedList)}), {caseCount} cases; {flagged.Count} flagged (a run not holding or headroom < "
                    + $"{G(min)}){(flagged.Count == 0 ? "" : ": " + string.Join(", ", flagged.Select(r => r.ClaimId)))}; total "
                        + $"{ReportFormat.Seconds(rows.Sum(r => r.Runs.Sum(x => x.Seconds)))}; load average {load}"));
            return flagged.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Parses "1-10", "1,2,3", "1-5,42" (each seed an integer; ranges inclusive, ascending); InputException otherwise.</summary>
    public static IReadOnlyList<int> ParseSeeds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seeds = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash < 0)
            {
                seeds.Add(ParseSeed(part, text));
                continue;
            }
            var lo = ParseSeed(part[..dash], text);
            var hi = ParseSeed(part[(dash + 1)..], text);
            if (hi < lo || (long)hi - lo > 100_000) throw new InputException($"--seeds {text}: the range {part} must be ascending and hold at most 100001 seeds");
            for (var s = lo; s <= hi; s++) seeds.Add(s);
        }
        if (seeds.Count == 0) throw new InputException($"--seeds {text}: expected seeds, e.g. 1-10 or 1,2,3");
        return seeds.Distinct().ToList();
    }

    private static int ParseSeed(string s, string text) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw new InputException($"--seeds {text}: '{s}' is not an integer seed (expected e.g. 1-10 or 1,2,3)");

    private static string Seeds(IReadOnlyList<int> seeds) =>
        seeds.Count > 2 && seeds.Zip(seeds.Skip(1)).All(p => p.Second == p.First + 1)
            ? $"{seeds[0]}–{seeds[^1]}" : string.Join(",", seeds);

    private static string G(double v) => double.IsNaN(v) ? "n/a" : double.IsPositiveInfinity(v) ? "∞" : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Headroom(double h) => double.IsNaN(h) ? "n/a" : double.IsPositiveInfinity(h) ? "∞" : h.ToString("G3", CultureInfo.InvariantCulture) + "×";

    private static string Fraction(double f) => double.IsNaN(f) ? "—" : f.ToString("0.00", CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Cells(IReadOnlyList<ToleranceSurveyRow> rows, double min) => rows.Select(r => new[]
    {
        r.ClaimId, ReportFormat.Kind(r.Kind), G(r.Tolerance),
        G(r.WorstExcess) + (r.WorstSeed is int s ? $" (seed {s})" : ""),
        Headroom(r.Headroom) + (r.Flagged(min) ? " LOW" : ""),
        $"{r.Holds}/{r.Runs.Count}", Fraction(r.MinInformativeFraction), G(r.MedianSlack),
        ReportFormat.Seconds(r.MeanSeconds),
    });

    private static readonly string[] Header = ["claim", "kind", "tolerance", "worst excess", "headroom", "hold", "min informative", "median slack", "s/seed"];

    /// <summary>Aligned text table.</summary>
    public static string Text(IReadOnlyList<ToleranceSurveyRow> rows, double min)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var all = new[] { Header }.Concat(Cells(rows, min)).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in all) sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        return sb.ToString();
    }

    /// <summary>Markdown table.</summary>
    public static string Markdown(IReadOnlyList<ToleranceSurveyRow> rows, double min)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
        foreach (var r in Cells(rows, min)) sb.AppendLine("| " + string.Join(" | ", r.Select((c, i) => i == 0 ? $"`{c}`" : c)) + " |");
        return sb.ToString();
    }

    /// <summary>JSON: settings, and per claim the summary and every seed's run.</summary>
    public static string Json(IReadOnlyList<ToleranceSurveyRow> rows, IReadOnlyList<int> seeds, int cases, double min, string load)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(seeds);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            void N(string name, double v)
            {
                if (double.IsFinite(v)) w.WriteNumber(name, v);
                else if (double.IsPositiveInfinity(v)) w.WriteString(name, "Infinity");
                else w.WriteNull(name);
            }
            w.WriteStartObject();
            w.WriteString("schema", "collapse-bench-claims/1");
            w.WriteStartArray("seeds");
            foreach (var s in seeds) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("cases", cases);
            w.WriteNumber("minHeadroom", min);
            w.WriteString("loadAverage", load);
            w.WriteNumber("cores", Environment.ProcessorCount);
            w.WriteStartArray("claims");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("id", r.ClaimId);
                w.WriteString("kind", ReportFormat.Kind(r.Kind));
                N("tolerance", r.Tolerance);
                N("worstExcess", r.WorstExcess);
                if (r.WorstSeed is int ws) w.WriteNumber("worstSeed", ws); else w.WriteNull("worstSeed");
                N("headroom", r.Headroom);
                w.WriteBoolean("flagged", r.Flagged(min));
                w.WriteNumber("holds", r.Holds);
                N("minInformativeFraction", r.MinInformativeFraction);
                N("medianSlack", r.MedianSlack);
                N("meanSeconds", r.MeanSeconds);
                w.WriteStartArray("runs");
                foreach (var x in r.Runs)
                {
                    w.WriteStartObject();
                    w.WriteNumber("seed", x.Seed);
                    w.WriteString("verdict", ReportFormat.Verdict(x.Verdict));
                    N("excess", x.Excess);
                    N("tolerance", x.Tolerance);
                    N("informativeFraction", x.InformativeFraction);
                    N("medianSlack", x.MedianSlack);
                    N("seconds", x.Seconds);
                    w.WriteString("detail", x.Detail);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
