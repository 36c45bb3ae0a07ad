using System.CommandLine;
using Collapse.Sweeps.Specs;
using Collapse.Theory;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Checks a sweep spec against the real command tree before anything runs: the command exists, every option the spec
/// names is one of its flags, and it has the flag the result mode needs (<c>--json</c> or <c>--out</c>). A typo then
/// fails at plan time with one line, not as N failed runs.
/// </summary>
public static class SweepCommandCheck
{
    /// <summary>Validates <paramref name="spec"/> (read from <paramref name="source"/>) against <paramref name="root"/>.</summary>
    /// <exception cref="InputException">Unknown command or option, or the command lacks the result flag.</exception>
    public static void Validate(SweepSpec spec, string source, RootCommand root)
    {
        Command current = root;
        var path = new List<string>();
        var i = 0;
        for (; i < spec.Command.Count; i++)
        {
            var next = current.Subcommands.FirstOrDefault(c => c.Name == spec.Command[i] || c.Aliases.Contains(spec.Command[i]));
            if (next is null) break;
            current = next;
            path.Add(next.Name);
        }
        if (path.Count == 0)
            throw new InputException($"{source}: command '{spec.Command[0]}' is not a collapse command (known: "
                + $"{string.Join(", ", root.Subcommands.Where(c => !c.Hidden && c.Name != "sweep").Select(c => c.Name))})");
        if (current.Subcommands.Count > 0 && current.Action is null)
            throw new InputException($"{source}: command '{string.Join(' ', path)}' needs a sub-command ({string.Join(", ", current.Subcommands.Select(c => c.Name))})");
        if (spec.Command.Count - i > current.Arguments.Count)
            throw new InputException($"{source}: command '{string.Join(' ', path)}' takes {current.Arguments.Count} argument(s), the spec gives {spec.Command.Count - i} "
                + $"({string.Join(' ', spec.Command.Skip(i))})");

        var name = string.Join(' ', path);
        var flags = current.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in spec.Fixed.Select(f => f.Key).Concat(spec.Axes.Select(a => a.Key)))
        {
            var flag = "--" + (key.Contains('.') ? key[..key.IndexOf('.')] : key);
            if (!flags.Contains(flag))
                throw new InputException($"{source}: option '{key}': 'collapse {name}' has no flag {flag} (see 'collapse {name} --help')");
        }
        var needed = spec.Result == ResultMode.Json ? "--json" : "--out";
        if (!flags.Contains(needed))
            throw new InputException($"{source}: result '{spec.Result.Name()}' needs 'collapse {name}' to accept {needed}; set \"result\" to "
                + $"{(spec.Result == ResultMode.Json ? "\"summary\"" : "\"json\"")}");
    }
}
