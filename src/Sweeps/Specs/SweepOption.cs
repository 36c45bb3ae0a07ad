namespace Collapse.Sweeps.Specs;

/// <summary>
/// An option of the swept command with the value(s) it takes in one run. The key is the flag without its dashes
/// (<c>classes</c> → <c>--classes</c>); a dotted key <c>param.K</c> becomes <c>--param K=value</c> (the repeatable
/// name=value options of <c>collapse check</c>); several values repeat the flag.
/// </summary>
/// <param name="Key">Flag name without the leading dashes.</param>
/// <param name="Values">The value(s); more than one repeats the flag.</param>
public sealed record SweepOption(string Key, IReadOnlyList<SweepValue> Values)
{
    /// <summary>A single-valued option.</summary>
    public SweepOption(string key, SweepValue value) : this(key, [value]) { }

    /// <summary>The command-line words of this option, in order.</summary>
    public IEnumerable<string> Arguments()
    {
        var dot = Key.IndexOf('.', StringComparison.Ordinal);
        foreach (var v in Values)
        {
            if (dot > 0)
            {
                yield return "--" + Key[..dot];
                yield return $"{Key[(dot + 1)..]}={v.Text}";
            }
            else if (v.Kind == SweepValueKind.Boolean)
            {
                if (v.Text == "true") yield return "--" + Key;
            }
            else
            {
                yield return "--" + Key;
                yield return v.Text;
            }
        }
    }

    /// <summary>The value as one table cell: the values joined by <c>;</c>.</summary>
    public string CellText => string.Join(';', Values.Select(v => v.Text));
}
