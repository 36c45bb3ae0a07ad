using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>Selects the claims named by a <c>--claims</c> filter.</summary>
public static class ClaimSelector
{
    /// <summary>
    /// Returns the claims matching <paramref name="filter"/> in registry order: each entry is an exact id or a
    /// prefix ending in <c>*</c> (e.g. <c>etf-*</c>); an empty filter selects every claim. Throws
    /// <see cref="InputException"/> for an entry that matches nothing, and <see cref="InvalidOperationException"/>
    /// when the registry holds two claims with the same id.
    /// </summary>
    public static IReadOnlyList<IClaim> Select(IReadOnlyList<IClaim> claims, IReadOnlyList<string> filter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in claims)
            if (!seen.Add(c.Id)) throw new InvalidOperationException($"claim registry holds id '{c.Id}' twice");
        if (filter.Count == 0) return claims;

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in filter)
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            var matched = false;
            foreach (var c in claims)
            {
                var hit = entry.EndsWith('*') ? c.Id.StartsWith(entry[..^1], StringComparison.Ordinal) : c.Id == entry;
                if (hit) { chosen.Add(c.Id); matched = true; }
            }
            if (!matched)
                throw new InputException($"--claims {entry}: no such claim{Suggest(claims, entry)}");
        }
        if (chosen.Count == 0) throw new InputException("--claims: the filter is empty");
        return claims.Where(c => chosen.Contains(c.Id)).ToList();
    }

    private static string Suggest(IReadOnlyList<IClaim> claims, string entry)
    {
        var stem = entry.TrimEnd('*');
        var close = claims.Select(c => c.Id)
            .Where(id => id.Contains(stem, StringComparison.Ordinal) || stem.Contains(id, StringComparison.Ordinal)
                         || (stem.Length >= 3 && id.StartsWith(stem[..3], StringComparison.Ordinal)))
            .Take(5).ToList();
        return close.Count > 0 ? $" (did you mean {string.Join(", ", close)}?)" : $" ({claims.Count} claims known; list them with 'collapse report --list')";
    }
}
