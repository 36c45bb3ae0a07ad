using System.CommandLine;
using Collapse.Cli.Infrastructure;

namespace Collapse.Cli.Commands;

/// <summary><c>collapse claims list [--json]</c> and <c>collapse claims show ID [--json]</c>: the claims registry.</summary>
public static class ClaimsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("claims", "List or show the numerically checkable literature claims.");

        var listJson = new Option<bool>("--json") { Description = "Print JSON (id, title, kind, source, references, statement, parameters with ranges, falsifiers)." };
        var list = new Command("list", "List every claim.");
        list.Options.Add(listJson);
        list.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var all = Claims.Registry.All;
            if (parse.GetValue(listJson)) o.WriteLine(ClaimRendering.ListJson(all));
            else ClaimRendering.ListText(o, all);
            return 0;
        });

        var id = new Argument<string>("id") { Description = "Claim id (see 'collapse claims list')." };
        var showJson = new Option<bool>("--json") { Description = "Print JSON." };
        var show = new Command("show", "Show one claim: source, exact statement, kind, references, parameters, falsifiers.");
        show.Arguments.Add(id);
        show.Options.Add(showJson);
        show.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var claim = Claims.Registry.Get(parse.GetValue(id)!);
            if (parse.GetValue(showJson)) o.WriteLine(ClaimRendering.ShowJson(claim));
            else ClaimRendering.ShowText(o, claim);
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        return command;
    }
}
