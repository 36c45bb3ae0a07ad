namespace Collapse.Theory.Claims;

/// <summary>How to run a claim check: parameter overrides, number of random cases, base seed.</summary>
/// <param name="Parameters">Overrides of the claim's declared parameters (name → value, invariant culture).</param>
/// <param name="Cases">Number of random instances to check (for instance-wise claims).</param>
/// <param name="Seed">Base seed; case i uses a seed derived from it, reported on failure.</param>
public sealed record ClaimContext(IReadOnlyDictionary<string, string> Parameters, int Cases, int Seed)
{
    /// <summary>Default context: no overrides, 100 cases, seed 1.</summary>
    public static ClaimContext Default { get; } = new(new Dictionary<string, string>(), 100, 1);

    /// <summary>The most random instances one check runs (<c>--cases</c>): the per-case results are kept in memory.</summary>
    public const int MaxCases = 1_000_000;

    /// <summary>Throws <see cref="InputException"/> naming <c>--cases</c> when <paramref name="cases"/> exceeds <see cref="MaxCases"/>.</summary>
    public static void CheckAtMostMaxCases(int cases)
    {
        if (cases > MaxCases) throw new InputException($"--cases {cases}: at most {MaxCases}");
    }

    /// <summary>The parameters of this context resolved against <paramref name="info"/> (<see cref="ClaimParameters.Resolve(ClaimInfo, ClaimContext)"/>).</summary>
    public ClaimParameters Resolve(ClaimInfo info) => ClaimParameters.Resolve(info, this);

    /// <summary>The same context with <paramref name="overrides"/> applied on top of its own (the later value wins).</summary>
    public ClaimContext WithOverrides(IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var d = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in overrides) d[k] = v;
        return this with { Parameters = d };
    }

    /// <summary>Seed of case <paramref name="index"/> (deterministic, distinct per case).</summary>
    public int CaseSeed(int index) => unchecked(Seed * 1_000_003 + index);
}
