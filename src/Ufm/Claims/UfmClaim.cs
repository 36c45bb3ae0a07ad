using System.Globalization;
using Collapse.Theory.Claims;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Common plumbing of the UFM trajectory claims: parameters with defaults, one simulated trajectory per check (seed
/// <see cref="ClaimContext.Seed"/>; <see cref="ClaimContext.Cases"/> is not used), and the structured verdict.
/// </summary>
public abstract class UfmClaim : IClaim
{
    /// <inheritdoc />
    public abstract string Id { get; }
    /// <inheritdoc />
    public abstract string Title { get; }
    /// <inheritdoc />
    public abstract string Source { get; }
    /// <inheritdoc />
    public abstract string Statement { get; }
    /// <inheritdoc />
    public abstract ClaimKind Kind { get; }
    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, string> DefaultParameters { get; }
    /// <inheritdoc />
    public abstract ClaimResult Check(ClaimContext context);

    /// <summary>Effective parameters (defaults overridden by the context) as strings, for the result record.</summary>
    protected IReadOnlyDictionary<string, string> Effective(ClaimContext context, params (string Key, string Value)[] extra)
    {
        var d = new Dictionary<string, string>();
        foreach (var key in DefaultParameters.Keys) d[key] = context.Raw(this, key);
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }

    /// <summary>Parameters of a finished run (for verdicts attached to a CLI run).</summary>
    protected static IReadOnlyDictionary<string, string> RunParameters(UfmResult r) => new Dictionary<string, string>
    {
        ["mode"] = r.Config.Mode.ToString(), ["classes"] = F(r.Classes), ["dim"] = F(r.Dim), ["samples"] = F(r.Labels.Length),
        ["steps"] = F(r.StepsDone), ["stepSize"] = F(r.StepSize), ["seed"] = F(r.Config.Seed),
    };

    /// <summary>Invariant short number.</summary>
    protected static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Invariant integer.</summary>
    protected static string F(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A result that could not be evaluated.</summary>
    protected ClaimResult Inconclusive(IReadOnlyDictionary<string, string> parameters, int seed, string why) =>
        new(Id, parameters, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive, seed, why);
}
