namespace Collapse.Theory.Claims;

/// <summary>
/// The resolved, validated parameters of one check: the claim's declared defaults overridden by the context's
/// values, each parsed to its type. Built by <see cref="Resolve(ClaimInfo, ClaimContext)"/>, the one parameter path of
/// every claim kind (Theory, UFM, deep): an unknown name, an unparsable or out-of-range value, or fewer than one case
/// is an <see cref="InputException"/> with a one-line message naming the parameter, the value and what is accepted.
/// </summary>
public sealed class ClaimParameters
{
    private readonly Dictionary<string, object> _values;
    private readonly Dictionary<string, string> _strings;
    private readonly HashSet<string> _overridden;

    private ClaimParameters(ClaimInfo info, Dictionary<string, object> values, Dictionary<string, string> strings, HashSet<string> overridden)
    {
        Info = info;
        _values = values;
        _strings = strings;
        _overridden = overridden;
    }

    /// <summary>The declaration these parameters were resolved against.</summary>
    public ClaimInfo Info { get; }

    /// <summary>Resolves <paramref name="context"/>'s overrides against <paramref name="info"/> (see the class summary).</summary>
    public static ClaimParameters Resolve(ClaimInfo info, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Cases < 1) throw new InputException($"--cases {context.Cases}: must be >= 1");
        foreach (var name in context.Parameters.Keys)
            if (info.Parameter(name) is null)
                throw new InputException($"--param {name}: claim '{info.Id}' has no parameter '{name}' (known: "
                    + $"{(info.Parameters.Count == 0 ? "none" : string.Join(", ", info.Parameters.Select(p => p.Name)))})");
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in info.Parameters)
        {
            var raw = p.Default;
            if (context.Parameters.TryGetValue(p.Name, out var given)) { raw = given; overridden.Add(p.Name); }
            values[p.Name] = p.TryParse(raw)
                ?? throw new InputException($"--param {p.Name}={raw}: claim '{info.Id}' expects {p.Range}");
            strings[p.Name] = raw;
        }
        return new ClaimParameters(info, values, strings, overridden);
    }

    /// <summary>
    /// Resolves the parameters of <paramref name="claim"/> as its check will: <see cref="Claim.Resolve"/> (declared
    /// ranges plus the claim's own cross-parameter rules) for a <see cref="Claim"/>, the declaration alone otherwise.
    /// </summary>
    public static ClaimParameters Resolve(IClaim claim, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim is Claim c ? c.Resolve(context) : Resolve(claim.Info, context);
    }

    /// <summary>An integer parameter.</summary>
    public int Int(string name) => Get<int>(name, ClaimParameterType.Int);

    /// <summary>A real parameter.</summary>
    public double Real(string name) => Get<double>(name, ClaimParameterType.Real);

    /// <summary>A text parameter.</summary>
    public string Text(string name) => Get<string>(name, ClaimParameterType.Text);

    /// <summary>An integer-list parameter (possibly empty).</summary>
    public IReadOnlyList<int> IntList(string name) => Get<int[]>(name, ClaimParameterType.IntList);

    /// <summary>A real-list parameter (at least one entry).</summary>
    public IReadOnlyList<double> RealList(string name) => Get<double[]>(name, ClaimParameterType.RealList);

    /// <summary>Whether the context overrode <paramref name="name"/>.</summary>
    public bool IsOverridden(string name) => _overridden.Contains(name);

    /// <summary>
    /// The effective parameters as recorded in <see cref="ClaimResult.Parameters"/>: every declared parameter (the
    /// default, or the override as given), followed by <paramref name="extra"/> entries.
    /// </summary>
    public IReadOnlyDictionary<string, string> AsStrings(params (string Name, string Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var d = new Dictionary<string, string>(_strings, StringComparer.Ordinal);
        foreach (var (n, v) in extra) d[n] = v;
        return d;
    }

    /// <summary>
    /// Throws the one-line <see cref="InputException"/> "--param NAME=VALUE: claim 'ID' …" unless
    /// <paramref name="condition"/> holds: for a claim's cross-parameter rules (e.g. featureDim ≤ inDim).
    /// </summary>
    public void Require(bool condition, string name, string requirement)
    {
        if (condition) return;
        var value = _strings.TryGetValue(name, out var v) ? v : "?";
        throw new InputException($"--param {name}={value}: claim '{Info.Id}' requires {requirement}");
    }

    private T Get<T>(string name, ClaimParameterType type)
    {
        var p = Info.Parameter(name) ?? throw new InvalidOperationException($"claim '{Info.Id}' reads undeclared parameter '{name}'");
        if (p.Type != type) throw new InvalidOperationException($"claim '{Info.Id}' reads {p.Type} parameter '{name}' as {type}");
        return (T)_values[name];
    }
}
