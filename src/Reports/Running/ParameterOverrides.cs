using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>Parses <c>--param ID:NAME=VALUE</c> overrides of claim parameters.</summary>
public static class ParameterOverrides
{
    /// <summary>
    /// Parses overrides of the form <c>claim-id:name=value</c> and checks each against <paramref name="claims"/>:
    /// the claim must exist and declare the parameter (<see cref="ClaimInfo.Parameters"/>). Throws
    /// <see cref="InputException"/> naming the offending entry otherwise.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Parse(IEnumerable<string> entries, IReadOnlyList<IClaim> claims)
    {
        var byId = claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (colon <= 0 || eq <= colon + 1)
                throw new InputException($"--param {entry}: expected CLAIM-ID:NAME=VALUE");
            var id = entry[..colon];
            var name = entry[(colon + 1)..eq];
            var value = entry[(eq + 1)..];
            if (!byId.TryGetValue(id, out var claim))
                throw new InputException($"--param {entry}: no claim '{id}' in this run");
            if (!claim.DefaultParameters.ContainsKey(name))
                throw new InputException($"--param {entry}: claim '{id}' has no parameter '{name}' (known: {string.Join(", ", claim.DefaultParameters.Keys)})");
            if (!result.TryGetValue(id, out var map)) result[id] = map = new Dictionary<string, string>(StringComparer.Ordinal);
            map[name] = value;
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.Ordinal);
    }
}
