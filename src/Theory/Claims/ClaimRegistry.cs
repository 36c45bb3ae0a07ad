namespace Collapse.Theory.Claims;

/// <summary>
/// The claims known to a program, composed from several sources (Theory, Ufm, DeepValidation …): lookup by id,
/// listing in registration order. Duplicate ids are rejected at construction.
/// </summary>
public sealed class ClaimRegistry
{
    private readonly List<IClaim> _claims = [];
    private readonly Dictionary<string, IClaim> _byId = new(StringComparer.Ordinal);

    /// <summary>Registers every claim of every source; throws <see cref="ArgumentException"/> on a duplicate or malformed id.</summary>
    public ClaimRegistry(params IEnumerable<IClaim>[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
            foreach (var claim in source)
            {
                ArgumentNullException.ThrowIfNull(claim);
                if (!IsKebabCase(claim.Id))
                    throw new ArgumentException($"claim id '{claim.Id}' is not kebab-case ([a-z0-9]+ joined by '-')");
                if (!_byId.TryAdd(claim.Id, claim))
                    throw new ArgumentException($"duplicate claim id '{claim.Id}' ({_byId[claim.Id].GetType().Name} and {claim.GetType().Name})");
                _claims.Add(claim);
            }
    }

    /// <summary>Every claim, in registration order.</summary>
    public IReadOnlyList<IClaim> All => _claims;

    /// <summary>Number of claims.</summary>
    public int Count => _claims.Count;

    /// <summary>The claim with id <paramref name="id"/>; throws <see cref="InputException"/> if there is none.</summary>
    public IClaim Get(string id)
    {
        if (TryGet(id, out var claim)) return claim;
        throw new InputException($"claim '{id}': no such claim (run 'collapse claims list')");
    }

    /// <summary>Looks up a claim by id.</summary>
    public bool TryGet(string id, out IClaim claim)
    {
        if (_byId.TryGetValue(id, out var c)) { claim = c; return true; }
        claim = null!;
        return false;
    }

    private static bool IsKebabCase(string id)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '-' || id[^1] == '-' || id.Contains("--", StringComparison.Ordinal)) return false;
        foreach (var ch in id)
            if (!(ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')) return false;
        return true;
    }
}
