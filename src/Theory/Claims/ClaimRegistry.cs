namespace Collapse.Theory.Claims;

/// <summary>
/// The claims known to a program, composed from several sources (Theory, Ufm, DeepValidation …): lookup by id,
/// listing in registration order. Every claim's <see cref="ClaimInfo"/> is validated at construction
/// (<see cref="ClaimInfo.Validate"/>) and duplicate ids are rejected.
/// </summary>
public sealed class ClaimRegistry
{
    private readonly List<IClaim> _claims = [];
    private readonly Dictionary<string, IClaim> _byId = new(StringComparer.Ordinal);

    /// <summary>Registers every claim of every source; throws <see cref="ArgumentException"/> on a duplicate id or a malformed declaration.</summary>
    public ClaimRegistry(params IEnumerable<IClaim>[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
            foreach (var claim in source)
            {
                ArgumentNullException.ThrowIfNull(claim);
                var info = claim.Info ?? throw new ArgumentException($"{claim.GetType().Name} declares no ClaimInfo");
                info.Validate();
                if (!_byId.TryAdd(info.Id, claim))
                    throw new ArgumentException($"duplicate claim id '{info.Id}' ({_byId[info.Id].GetType().Name} and {claim.GetType().Name})");
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
}
