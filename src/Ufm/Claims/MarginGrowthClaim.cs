using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Margin growth in the terminal phase: once the data are separated, p_min → ∞ (≈ log t), the normalized margin
/// increases, and the Lyu–Li smoothed normalized margin is non-decreasing (Lyu &amp; Li 2020, ICLR, Thm 4.1 for gradient
/// flow and, for small steps, GD; Gao et al. 2023 Thm 4.1 for p_min → ∞; claims catalogue C2/E3).
/// </summary>
public sealed class MarginGrowthClaim : UfmClaim
{
    /// <inheritdoc />
    public override string Id => "ufm-margin-growth";
    /// <inheritdoc />
    public override string Title => "After separability p_min grows like log t, the normalized margin rises and the smoothed normalized margin never decreases";
    /// <inheritdoc />
    public override string Source => "Lyu & Li 2020, ICLR, \"Gradient descent maximizes the margin of homogeneous neural networks\", Thm 4.1/E.2; Gao et al. 2023 Thm 4.1; claims catalogue C2, E3";
    /// <inheritdoc />
    public override string Statement =>
        "Bias-free CE UFM without weight decay (default: joint mode, K=4, d=8, n=10, init 0.1, default step): after the first checkpoint with p_min > 0, "
        + "p_min strictly increases and a fit p_min ≈ α ln t + β has α > 0; the normalized margin at the end exceeds its value at separability; "
        + "after the sum loss N·F drops below log 2, γ̃ = −log(e^{N·F} − 1)/ρ^L (ρ^L = ‖W‖²+‖H‖² joint, ‖W‖ fixed features, ‖H‖ fixed ETF) "
        + "never decreases between checkpoints by more than tolerance·|γ̃|.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>
    {
        ["mode"] = "joint", ["classes"] = "4", ["dim"] = "8", ["perClass"] = "10", ["steps"] = "200000", ["initScale"] = "0.1",
        ["tolerance"] = "1e-9",
    };

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var mode = context.Raw(this, "mode") switch
        {
            "joint" => UfmMode.Joint,
            "fixed-features" => UfmMode.FixedFeatures,
            "fixed-etf" => UfmMode.FixedEtf,
            var m => throw new Collapse.Theory.InputException($"--param mode={m}: must be joint, fixed-features or fixed-etf"),
        };
        var config = new UfmConfig
        {
            Mode = mode, Classes = context.GetInt(this, "classes"), Dim = context.GetInt(this, "dim"), PerClass = context.GetInt(this, "perClass"),
            Steps = context.GetInt(this, "steps"), InitScale = context.GetDouble(this, "initScale"), Seed = context.Seed,
        };
        return Evaluate(UfmSimulator.Run(config), context.GetDouble(this, "tolerance"), Effective(context));
    }

    /// <summary>Evaluates the claim on a finished trajectory.</summary>
    public ClaimResult Evaluate(UfmResult r, double tolerance = 1e-9, IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= RunParameters(r);
        var seed = r.Config.Seed;
        var c = r.Config;
        if (c.Loss != UfmLoss.CrossEntropy || c.Bias || c.LambdaW > 0 || c.LambdaH > 0)
            return Inconclusive(parameters, seed, "needs CE, no bias (homogeneous logits) and no weight decay");
        var rows = r.Trajectory;
        var n = r.Labels.Length;
        var sep = TrajectoryView.FirstSeparable(rows);
        var thr = -1;
        for (var i = 0; i < rows.Count; i++) if (SmoothedMargin.BelowThreshold(rows[i], n)) { thr = i; break; }
        if (sep < 0 || thr < 0 || rows.Count - thr < 3)
            return Inconclusive(parameters, seed, "the run did not get far enough past separability (p_min > 0 and N·F < log 2)");
        var pminRises = TrajectoryView.NonDecreases(rows, sep, x => -x.MinMargin);
        var tail = rows.Skip(thr).ToList();
        var fit = RateFit.Log(tail.Select(x => x.Step).ToList(), tail.Select(x => x.MinMargin).ToList());
        Func<Trajectories.TrajectoryRow, double> normalized = c.Mode == UfmMode.Joint ? x => x.UfmNormalizedMargin : x => x.NormalizedMargin;
        var normStart = normalized(rows[sep]);
        var normEnd = normalized(rows[^1]);
        var worstDrop = 0.0;
        long worstAt = -1;
        for (var i = thr + 1; i < rows.Count; i++)
        {
            var prev = SmoothedMargin.LyuLi(rows[i - 1], c.Mode, n, c.Bias);
            var now = SmoothedMargin.LyuLi(rows[i], c.Mode, n, c.Bias);
            var drop = (prev - now) / Math.Abs(prev);
            if (drop > worstDrop) { worstDrop = drop; worstAt = rows[i].Step; }
        }
        var holds = pminRises == 0 && fit.A > 0 && normEnd > normStart && worstDrop <= tolerance;
        var gFirst = SmoothedMargin.LyuLi(rows[thr], c.Mode, n, c.Bias);
        var gLast = SmoothedMargin.LyuLi(rows[^1], c.Mode, n, c.Bias);
        var detail =
            $"separable from t={rows[sep].Step}; p_min {F(rows[sep].MinMargin)} → {F(rows[^1].MinMargin)} ({(pminRises == 0 ? "strictly increasing" : $"{pminRises} non-increases")}), "
            + $"fit p_min ≈ α ln t + β from t={rows[thr].Step}: α={F(fit.A)}, β={F(fit.C)}, R²={fit.R2:F4}; normalized margin {F(normStart)} → {F(normEnd)}; "
            + $"Lyu–Li γ̃ {F(gFirst)} (t={rows[thr].Step}, N·F < log 2) → {F(gLast)}, largest relative decrease {worstDrop:E2}"
            + (worstAt >= 0 ? $" at t={worstAt}" : "") + $" (tolerance {tolerance:E0}).";
        return new ClaimResult(Id, parameters, worstDrop, 0.0, tolerance, holds ? Verdict.Holds : Verdict.Fails, seed, detail);
    }
}
