namespace Collapse.Theory.Claims;

/// <summary>
/// A negative control of a claim: parameter overrides that switch the claim's own check to a deliberately broken
/// formula, a dropped term, a false constant or a broken input. The claim's check, run with these overrides on the same
/// cases and seed, must report <see cref="Verdict.Fails"/> (see <see cref="Falsification"/>).
/// </summary>
/// <param name="Name">kebab-case name (e.g. <c>lower-side-with-k-minus-1</c>).</param>
/// <param name="Broken">What was broken, in words a reviewer reads ("the lower side with K−1 instead of 1").</param>
/// <param name="Overrides">Parameter overrides (name → invariant value) applied on top of the run's own overrides.</param>
public sealed record Falsifier(string Name, string Broken, IReadOnlyDictionary<string, string> Overrides)
{
    /// <summary>Shorthand: <c>Falsifier.Of("name", "what was broken", ("param", "value"), …)</c>.</summary>
    public static Falsifier Of(string name, string broken, params (string Name, string Value)[] overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (n, v) in overrides) d[n] = v;
        return new Falsifier(name, broken, d);
    }
}
