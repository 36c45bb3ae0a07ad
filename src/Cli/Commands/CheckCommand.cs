using System.CommandLine;
using Collapse.Cli.Infrastructure;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse check ID [--param k=v …] [--cases N] [--seed S] [--falsify] [--json]</c>: runs a claim's check. Exit 0 if
/// it holds, 1 if a case falsifies it (or it is inconclusive), 2 on bad input. With <c>--falsify</c> it runs every
/// falsifier of the claim instead: exit 0 iff every one is caught (the check reports Fails), 1 otherwise.
/// </summary>
public static class CheckCommand
{
    /// <summary>Exit code when the claim is falsified or inconclusive.</summary>
    public const int Falsified = 1;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Claim id (see 'collapse claims list')." };
        var param = new Option<string[]>("--param") { Description = "Parameter override name=value (repeatable)." };
        var cases = new Option<int>("--cases") { Description = "Number of random instances (trials for frequency claims).", DefaultValueFactory = _ => ClaimContext.Default.Cases };
        var seed = new Option<int>("--seed") { Description = "Base seed; case i uses a seed derived from it.", DefaultValueFactory = _ => ClaimContext.Default.Seed };
        var json = new Option<bool>("--json") { Description = "Print the structured verdict as JSON." };
        var falsify = new Option<bool>("--falsify") { Description = "Run the claim's falsifiers (deliberately broken variants) instead; exit 0 iff each is caught." };
        var command = new Command("check", "Check a claim on random instances; prints the verdict, and the falsifying instance and seed if any.");
        command.Arguments.Add(id);
        command.Options.Add(param);
        command.Options.Add(cases);
        command.Options.Add(seed);
        command.Options.Add(json);
        command.Options.Add(falsify);
        command.SetAction(parse =>
        {
            var claim = Claims.Registry.Get(parse.GetValue(id)!);
            var context = new ClaimContext(ParseParameters(parse.GetValue(param) ?? []), parse.GetValue(cases), parse.GetValue(seed));
            if (context.Cases < 1) throw new InputException($"--cases {context.Cases}: must be >= 1");
            ClaimContext.CheckAtMostMaxCases(context.Cases);
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(falsify))
            {
                var outcomes = Falsification.ValidateAndRunAll(claim, context);
                if (parse.GetValue(json)) o.WriteLine(ClaimRendering.FalsifyJson(claim, context, outcomes));
                else ClaimRendering.FalsifyText(o, claim, context, outcomes);
                return outcomes.Count > 0 && outcomes.All(x => x.Caught) ? 0 : Falsified;
            }
            var result = claim.CheckOrInconclusive(context);
            if (parse.GetValue(json)) o.WriteLine(ClaimRendering.CheckJson(claim, context, result));
            else ClaimRendering.CheckText(o, claim, context, result);
            return result.Holds ? 0 : Falsified;
        });
        return command;
    }

    private static Dictionary<string, string> ParseParameters(string[] raw)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in raw)
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == p.Length - 1) throw new InputException($"--param {p}: expected name=value");
            var name = p[..eq];
            if (!d.TryAdd(name, p[(eq + 1)..])) throw new InputException($"--param {name}: given twice");
        }
        return d;
    }
}
