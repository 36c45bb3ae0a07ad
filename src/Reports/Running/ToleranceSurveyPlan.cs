using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>
/// The tolerance survey of <c>collapse bench claims</c>, validated before anything runs: the claims chosen by
/// <c>--claims</c> (default: every non-empirical claim of the registry), their <c>--param</c> overrides, the base seeds and
/// the cases per run. <see cref="Run"/> runs <see cref="ToleranceSurvey.Run"/> claim by claim.
/// </summary>
/// <param name="Claims">The selected claims, in registry order.</param>
/// <param name="Overrides">Parameter overrides by claim id.</param>
/// <param name="Seeds">Base seeds, in the order run.</param>
/// <param name="Cases">Random cases per run.</param>
public sealed record ToleranceSurveyPlan(IReadOnlyList<IClaim> Claims, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Overrides,
    IReadOnlyList<int> Seeds, int Cases)
{
    /// <summary>
    /// Selects from <paramref name="registry"/> by <paramref name="claimIds"/> (the <c>--claims</c> values: comma-separated ids, a
    /// trailing * matching a prefix; none: every non-empirical claim), parses <paramref name="parameters"/> (<c>--param</c>) and
    /// resolves every selected claim's parameters, so that every parameter error comes before anything runs.
    /// </summary>
    /// <exception cref="Theory.InputException">An unknown claim id, or a bad <c>--param</c>.</exception>
    public static ToleranceSurveyPlan Create(IReadOnlyList<IClaim> registry, IReadOnlyList<string>? claimIds, IReadOnlyList<string>? parameters,
        IReadOnlyList<int> seeds, int cases)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(seeds);
        var filter = (claimIds ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var pool = filter.Count == 0 ? registry.Where(c => c.Kind != ClaimKind.Empirical).ToList() : registry;
        var selected = ClaimSelector.Select(pool, filter);
        var overrides = ParameterOverrides.Parse(parameters ?? [], selected);
        foreach (var c in selected) // every parameter error before anything runs
            ClaimParameters.Resolve(c, new ClaimContext(overrides.GetValueOrDefault(c.Id) ?? new Dictionary<string, string>(), cases, seeds[0]));
        return new ToleranceSurveyPlan(selected, overrides, seeds, cases);
    }

    /// <summary>Surveys every claim in order; <paramref name="finished"/> sees each row (with its index) as soon as it exists.</summary>
    public IReadOnlyList<ToleranceSurveyRow> Run(Action<int, ToleranceSurveyRow>? finished = null)
    {
        var rows = new List<ToleranceSurveyRow>(Claims.Count);
        for (var i = 0; i < Claims.Count; i++)
        {
            var row = ToleranceSurvey.Run(Claims[i], Seeds, Cases, Overrides.GetValueOrDefault(Claims[i].Id));
            rows.Add(row);
            finished?.Invoke(i, row);
        }
        return rows;
    }
}
