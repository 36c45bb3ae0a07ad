using System.Globalization;
using Collapse.Theory.Claims;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Common plumbing of the UFM trajectory claims: parameters with defaults, one simulated trajectory per check (seed
/// <see cref="ClaimContext.Seed"/>; <see cref="ClaimContext.Cases"/> is not used), and the structured verdict with
/// its evidence (plots of the trajectory, built by <see cref="TrajectoryPlots"/>, and the falsifying run when it fails).
/// <see cref="Check"/> is <see cref="CheckWithEvidence"/>'s result: one simulation, one code path.
/// </summary>
public abstract class UfmClaim : IClaimWithEvidence
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
    /// <summary>Runs the check: exactly <c>CheckWithEvidence(context).Result</c>.</summary>
    public ClaimResult Check(ClaimContext context) => CheckWithEvidence(context).Result;
    /// <inheritdoc />
    public abstract ClaimEvidence CheckWithEvidence(ClaimContext context);

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

    /// <summary>"v₁ (t=…) → v₂ (t=…)" for the first pair after <paramref name="from"/> where the value does not strictly decrease (for falsifying instances).</summary>
    protected static string FirstRise(IReadOnlyList<Trajectories.TrajectoryRow> rows, int from, Func<Trajectories.TrajectoryRow, double> value)
    {
        var i = TrajectoryView.FirstNonDecrease(rows, from, value);
        return i < 0 ? "none" : $"{TrajectoryPlots.Num(value(rows[i - 1]))} (t={F(rows[i - 1].Step)}) → {TrajectoryPlots.Num(value(rows[i]))} (t={F(rows[i].Step)})";
    }

    /// <summary>A result that could not be evaluated.</summary>
    protected ClaimResult Inconclusive(IReadOnlyDictionary<string, string> parameters, int seed, string why) =>
        new(Id, parameters, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive, seed, why);
}
