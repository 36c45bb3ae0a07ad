using System.Globalization;

namespace Collapse.Theory.Claims;

/// <summary>
/// Everything a claim declares about itself, as data: id, kind, title, the exact statement checked, its source, the
/// keys of the papers it cites (anchors in docs/references.md), its parameters and its falsifiers. A claim file holds
/// one of these and a check (<see cref="Claim"/>); <see cref="Validate"/> runs once when the claim is registered.
/// </summary>
/// <param name="Id">Stable kebab-case id (e.g. <c>etf-gram</c>).</param>
/// <param name="Kind">Identity, inequality, asymptotic, empirical or definition.</param>
public sealed record ClaimInfo(string Id, ClaimKind Kind)
{
    /// <summary>Short title.</summary>
    public required string Title { get; init; }

    /// <summary>The exact statement checked; "[reconstructed]" marks a statement rebuilt from secondary sources.</summary>
    public required string Statement { get; init; }

    /// <summary>Human-readable source (paper, and theorem numbers only where the statement is quoted from it).</summary>
    public required string Source { get; init; }

    /// <summary>Keys of the cited papers in docs/references.md (e.g. <c>papyan2020</c>).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Declared parameters, in display order.</summary>
    public IReadOnlyList<ClaimParameter> Parameters { get; init; } = [];

    /// <summary>Declared falsifiers (negative controls the claim's own check must report as failing).</summary>
    public IReadOnlyList<Falsifier> Falsifiers { get; init; } = [];

    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public ClaimParameter? Parameter(string name)
    {
        foreach (var p in Parameters) if (p.Name == name) return p;
        return null;
    }

    /// <summary>
    /// Checks the declaration: kebab-case id, falsifier names and reference keys; a title, statement and source;
    /// unique parameter names made of letters and digits; every default accepted by its own parameter; every falsifier
    /// override naming a declared parameter with an accepted value that differs from the default. Throws
    /// <see cref="ArgumentException"/> naming the claim and the defect.
    /// </summary>
    public void Validate()
    {
        void Fail(string what) => throw new ArgumentException($"claim '{Id}': {what}");
        if (!IsKebabCase(Id)) throw new ArgumentException($"claim id '{Id}' is not kebab-case ([a-z0-9]+ joined by '-')");
        if (string.IsNullOrWhiteSpace(Title)) Fail("no title");
        if (string.IsNullOrWhiteSpace(Statement)) Fail("no statement");
        if (string.IsNullOrWhiteSpace(Source)) Fail("no source");
        if (!Enum.IsDefined(Kind)) Fail($"unknown kind {Kind}");
        var refs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in References)
        {
            if (!IsKebabCase(r)) Fail($"reference key '{r}' is not a lower-case key ([a-z0-9]+ joined by '-')");
            if (!refs.Add(r)) Fail($"reference key '{r}' listed twice");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            if (!IsParameterName(p.Name)) Fail($"parameter name '{p.Name}' must be letters and digits starting with a letter");
            if (!names.Add(p.Name)) Fail($"parameter '{p.Name}' declared twice");
            if (string.IsNullOrWhiteSpace(p.Description)) Fail($"parameter '{p.Name}' has no description");
            if (p.Min is { } lo && p.Max is { } hi && lo > hi) Fail($"parameter '{p.Name}': min {lo.ToString(CultureInfo.InvariantCulture)} > max {hi.ToString(CultureInfo.InvariantCulture)}");
            if (p.Allowed.Count > 0 && p.Type != ClaimParameterType.Text) Fail($"parameter '{p.Name}': allowed values need the Text type");
            if (p.TryParse(p.Default) is null) Fail($"parameter '{p.Name}': default '{p.Default}' is not {p.Range}");
        }
        var falsifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Falsifiers)
        {
            if (!IsKebabCase(f.Name)) Fail($"falsifier name '{f.Name}' is not kebab-case");
            if (!falsifiers.Add(f.Name)) Fail($"falsifier '{f.Name}' declared twice");
            if (string.IsNullOrWhiteSpace(f.Broken)) Fail($"falsifier '{f.Name}' does not say what it breaks");
            if (f.Overrides.Count == 0) Fail($"falsifier '{f.Name}' overrides no parameter");
            var changes = false;
            foreach (var (name, value) in f.Overrides)
            {
                var p = Parameter(name) ?? throw new ArgumentException($"claim '{Id}': falsifier '{f.Name}' overrides undeclared parameter '{name}'");
                if (p.TryParse(value) is null) Fail($"falsifier '{f.Name}': {name}={value} is not {p.Range}");
                if (value != p.Default) changes = true;
            }
            if (!changes) Fail($"falsifier '{f.Name}' only repeats the defaults");
        }
    }

    /// <summary>Whether <paramref name="id"/> is [a-z0-9]+ joined by single '-'.</summary>
    public static bool IsKebabCase(string id)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '-' || id[^1] == '-' || id.Contains("--", StringComparison.Ordinal)) return false;
        foreach (var ch in id)
            if (!(ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')) return false;
        return true;
    }

    private static bool IsParameterName(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0])) return false;
        foreach (var ch in name) if (!char.IsAsciiLetterOrDigit(ch)) return false;
        return true;
    }
}
