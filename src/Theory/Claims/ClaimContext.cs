using System.Globalization;

namespace Collapse.Theory.Claims;

/// <summary>How to run a claim check: parameter overrides, number of random cases, base seed, progress sink.</summary>
/// <param name="Parameters">Overrides of <see cref="IClaim.DefaultParameters"/> (name → value).</param>
/// <param name="Cases">Number of random instances to check (for instance-wise claims).</param>
/// <param name="Seed">Base seed; case i uses a seed derived from it, reported on failure.</param>
public sealed record ClaimContext(IReadOnlyDictionary<string, string> Parameters, int Cases, int Seed)
{
    /// <summary>Default context: no overrides, 100 cases, seed 1.</summary>
    public static ClaimContext Default { get; } = new(new Dictionary<string, string>(), 100, 1);

    /// <summary>Reads a parameter: override if present, else the claim's default; throws InputException if unparsable.</summary>
    public double GetDouble(IClaim claim, string name)
    {
        var raw = Raw(claim, name);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new InputException($"--param {name}={raw}: not a number");
        return v;
    }

    /// <summary>Reads an integer parameter (see <see cref="GetDouble"/>).</summary>
    public int GetInt(IClaim claim, string name)
    {
        var raw = Raw(claim, name);
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new InputException($"--param {name}={raw}: not an integer");
        return v;
    }

    /// <summary>Reads a string parameter.</summary>
    public string Raw(IClaim claim, string name)
    {
        if (Parameters.TryGetValue(name, out var v)) return v;
        if (claim.DefaultParameters.TryGetValue(name, out var d)) return d;
        throw new InputException($"--param {name}: claim '{claim.Id}' has no parameter '{name}' (known: {string.Join(", ", claim.DefaultParameters.Keys)})");
    }

    /// <summary>Seed of case <paramref name="index"/> (deterministic, distinct per case).</summary>
    public int CaseSeed(int index) => unchecked(Seed * 1_000_003 + index);
}
