using System.Globalization;
using Collapse.Theory.Claims;
using Collapse.Ufm.Simulation;
using Collapse.Theory.IO;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Common plumbing of the UFM trajectory claims: one simulated trajectory per check (seed
/// <see cref="ClaimContext.Seed"/>; <see cref="ClaimContext.Cases"/> is not used) and the structured verdict with its
/// evidence (plots of the trajectory, built by <see cref="TrajectoryPlots"/>, and the falsifying run when it fails).
/// Parameters go through the one path of <see cref="Claim"/>; <c>Check</c> is <c>CheckWithEvidence</c>'s result: one
/// simulation, one code path.
/// </summary>
public abstract class UfmClaim : Claim
{
    /// <summary>Parameters of a finished run (for verdicts attached to a CLI run).</summary>
    protected static IReadOnlyDictionary<string, string> RunParameters(UfmResult r) => new Dictionary<string, string>
    {
        ["mode"] = r.Config.Mode.ToString(),
        ["classes"] = F(r.Classes),
        ["dim"] = F(r.Dim),
        ["samples"] = F(r.Labels.Length),
        ["steps"] = F(r.StepsDone),
        ["stepSize"] = F(r.StepSize),
        ["seed"] = F(r.Config.Seed),
    };

    /// <summary>Invariant short number.</summary>
    protected static string F(double v) => NumberFormat.Display(v);

    /// <summary>Invariant integer.</summary>
    protected static string F(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>"v₁ (t=…) → v₂ (t=…)" for the first pair after <paramref name="from"/> where the value does not strictly decrease (for falsifying instances).</summary>
    protected static string FirstRise(IReadOnlyList<Trajectories.TrajectoryRow> rows, int from, Func<Trajectories.TrajectoryRow, double> value)
    {
        var i = TrajectoryView.FirstNonDecrease(rows, from, value);
        return i < 0 ? "none" : $"{TrajectoryPlots.Num(value(rows[i - 1]))} (t={F(rows[i - 1].Step)}) → {TrajectoryPlots.Num(value(rows[i]))} (t={F(rows[i].Step)})";
    }
}
