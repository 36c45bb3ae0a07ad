using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.Cli.Infrastructure;

/// <summary>Text and JSON renderings of claims and claim results (camelCase JSON keys).</summary>
public static class ClaimRendering
{
    private static readonly JsonSerializerOptions Json = JsonOutput.Options;

    /// <summary>camelCase name of a kind (<c>identity</c>, <c>inequality</c>, …).</summary>
    public static string KindName(ClaimKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>camelCase name of a verdict (<c>holds</c>, <c>fails</c>, <c>inconclusive</c>).</summary>
    public static string VerdictName(Verdict verdict) => verdict.Word();

    private static object Describe(IClaim c) => new
    {
        id = c.Id,
        title = c.Title,
        kind = KindName(c.Kind),
        source = c.Source,
        references = c.Info.References,
        statement = c.Statement,
        parameters = c.Info.Parameters.Select(p => new
        {
            name = p.Name,
            @default = p.Default,
            type = JsonNamingPolicy.CamelCase.ConvertName(p.Type.ToString()),
            range = p.Range,
            min = p.Min,
            max = p.Max,
            allowed = p.Allowed,
            description = p.Description,
        }).ToArray(),
        falsifiers = c.Info.Falsifiers.Select(f => new { name = f.Name, broken = f.Broken, overrides = f.Overrides }).ToArray(),
    };

    /// <summary>
    /// JSON array of every claim: id, title, kind, source, references (keys of docs/references.md), statement,
    /// parameters (name, default, type, range, min, max, allowed, description) and falsifiers (name, broken, overrides).
    /// </summary>
    public static string ListJson(IEnumerable<IClaim> claims) => JsonSerializer.Serialize(claims.Select(Describe).ToArray(), Json);

    /// <summary>JSON object describing one claim.</summary>
    public static string ShowJson(IClaim claim) => JsonSerializer.Serialize(Describe(claim), Json);

    /// <summary>One line per claim: id, kind, title.</summary>
    public static void ListText(TextWriter o, IReadOnlyList<IClaim> claims)
    {
        var width = claims.Count == 0 ? 0 : claims.Max(c => c.Id.Length);
        foreach (var c in claims)
            o.WriteLine($"{c.Id.PadRight(width)}  {KindName(c.Kind),-11} {c.Title}");
        o.WriteLine($"{claims.Count} claims");
    }

    /// <summary>Every field of one claim, as text.</summary>
    public static void ShowText(TextWriter o, IClaim c)
    {
        o.WriteLine($"{c.Id}: {c.Title}");
        o.WriteLine($"  kind:       {KindName(c.Kind)}");
        o.WriteLine($"  source:     {c.Source}");
        o.WriteLine($"  statement:  {c.Statement}");
        o.WriteLine($"  references: {(c.Info.References.Count == 0 ? "none" : string.Join(", ", c.Info.References))} (docs/references.md)");
        o.WriteLine($"  parameters: {(c.DefaultParameters.Count == 0 ? "none" : string.Join(", ", c.DefaultParameters.Select(p => $"{p.Key}={p.Value}")))}");
        foreach (var p in c.Info.Parameters)
            o.WriteLine($"    {p.Name} = {p.Default}: {p.Description} ({p.Range})");
        o.WriteLine($"  falsifiers: {(c.Info.Falsifiers.Count == 0 ? "none declared yet" : c.Info.Falsifiers.Count.ToString(CultureInfo.InvariantCulture))}");
        foreach (var f in c.Info.Falsifiers)
            o.WriteLine($"    {f.Name}: {f.Broken} ({string.Join(", ", f.Overrides.Select(kv => $"{kv.Key}={kv.Value}"))})");
    }

    /// <summary>The command line that replays <paramref name="context"/> on <paramref name="claim"/>.</summary>
    public static string Replay(IClaim claim, ClaimContext context)
    {
        var parts = new List<string> { "collapse", "check", claim.Id, "--cases", context.Cases.ToString(CultureInfo.InvariantCulture), "--seed", context.Seed.ToString(CultureInfo.InvariantCulture) };
        foreach (var (k, v) in context.Parameters) { parts.Add("--param"); parts.Add($"{k}={v}"); }
        return string.Join(' ', parts);
    }

    /// <summary>JSON object of a check: the claim's metadata, the verdict, measured/expected/tolerance/slack, seeds and the replay line.</summary>
    public static string CheckJson(IClaim claim, ClaimContext context, ClaimResult r) => JsonSerializer.Serialize(new
    {
        claimId = r.ClaimId,
        title = claim.Title,
        source = claim.Source,
        kind = KindName(claim.Kind),
        verdict = VerdictName(r.Verdict),
        measured = r.Measured,
        expected = r.Expected,
        tolerance = r.Tolerance,
        slack = ClaimSlack.Of(r, claim.Kind),
        seed = r.Seed,
        cases = context.Cases,
        baseSeed = context.Seed,
        parameters = r.Parameters,
        detail = r.Detail,
        caseStatistics = r.Cases is { } c ? new
        {
            @checked = c.Checked,
            skipped = c.Skipped,
            informative = c.Informative,
            informativeFraction = c.InformativeFraction,
            medianTightness = c.MedianTightness,
            medianSlack = c.MedianSlack,
        } : null,
        falsifiers = claim.Info.Falsifiers.Select(f => f.Name).ToArray(),
        replay = Replay(claim, context),
    }, Json);

    /// <summary>Human-readable check result; names the falsifying seed and the replay command on failure.</summary>
    public static void CheckText(TextWriter o, IClaim claim, ClaimContext context, ClaimResult r)
    {
        var head = r.Verdict.Label();
        o.WriteLine($"{head}  {claim.Id}: {claim.Title}");
        o.WriteLine($"  measured {F(r.Measured)}  expected {F(r.Expected)}  tolerance {F(r.Tolerance)}  slack {F(ClaimSlack.Of(r, claim.Kind))}");
        o.WriteLine(r.Verdict == Verdict.Fails
            ? $"  falsifying seed {r.Seed} ({context.Cases} cases, base seed {context.Seed})"
            : $"  seed {r.Seed} ({context.Cases} cases, base seed {context.Seed})");
        o.WriteLine($"  {r.Detail}");
        if (r.Cases is { } cases) o.WriteLine($"  cases: {Collapse.Reports.Rendering.ReportFormat.Cases(cases)}");
        if (r.Verdict != Verdict.Holds) o.WriteLine($"  replay: {Replay(claim, context)}");
    }

    /// <summary>JSON object of a falsify run: the claim, whether every falsifier was caught, and each falsifier's outcome and replay line.</summary>
    public static string FalsifyJson(IClaim claim, ClaimContext context, IReadOnlyList<FalsifierOutcome> outcomes) => JsonSerializer.Serialize(new
    {
        claimId = claim.Id,
        title = claim.Title,
        kind = KindName(claim.Kind),
        cases = context.Cases,
        baseSeed = context.Seed,
        allCaught = outcomes.Count > 0 && outcomes.All(x => x.Caught),
        falsifiers = outcomes.Select(x => new
        {
            name = x.Falsifier.Name,
            broken = x.Falsifier.Broken,
            overrides = x.Falsifier.Overrides,
            caught = x.Caught,
            verdict = VerdictName(x.Result.Verdict),
            measured = x.Result.Measured,
            expected = x.Result.Expected,
            tolerance = x.Result.Tolerance,
            seed = x.Result.Seed,
            detail = x.Result.Detail,
            wallSeconds = x.WallSeconds,
            replay = Replay(claim, Falsification.ContextFor(x.Falsifier, context)),
        }).ToArray(),
    }, Json);

    /// <summary>
    /// Human-readable falsify run: per falsifier "caught: &lt;what was broken&gt;" or "NOT CAUGHT: &lt;what was broken&gt;
    /// (verdict …)" with the check's detail and its replay line, then the count.
    /// </summary>
    public static void FalsifyText(TextWriter o, IClaim claim, ClaimContext context, IReadOnlyList<FalsifierOutcome> outcomes)
    {
        var caught = outcomes.Count(x => x.Caught);
        var head = outcomes.Count == 0 ? "NO FALSIFIER" : caught == outcomes.Count ? "ALL CAUGHT" : "NOT CAUGHT";
        o.WriteLine($"{head}  {claim.Id}: {claim.Title}");
        if (outcomes.Count == 0) o.WriteLine("  no falsifier declared yet: the claim cannot be seen to fail");
        foreach (var x in outcomes)
        {
            o.WriteLine(x.Caught
                ? $"  caught: {x.Falsifier.Broken} [{x.Falsifier.Name}]"
                : $"  NOT CAUGHT: {x.Falsifier.Broken} [{x.Falsifier.Name}] (verdict {VerdictName(x.Result.Verdict)})");
            o.WriteLine($"    {x.Result.Detail}");
            o.WriteLine($"    replay: {Replay(claim, Falsification.ContextFor(x.Falsifier, context))}");
        }
        o.WriteLine($"{caught}/{outcomes.Count} falsifiers caught ({context.Cases} cases, base seed {context.Seed})");
    }

    private static string F(double v) => NumberFormat.Display(v);
}
