using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// CE → SVM (Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR 19, "The implicit bias of gradient descent on
/// separable data", multiclass case; claims catalogue E1/E2): with fixed separable features (mode b), GD with a fixed
/// step on CE gives W(t) = W_svm·ln t + ρ(t) with ρ bounded and converging, so the direction converges to the SVM's
/// only like 1/ln t.
/// </summary>
public sealed class CeSvmDirectionClaim : UfmClaim
{
    /// <inheritdoc />
    public override string Id => "ufm-ce-svm-direction";
    /// <inheritdoc />
    public override string Title => "GD on cross-entropy with fixed separable features converges to the multiclass SVM direction (sharp form W = W_svm ln t + ρ)";
    /// <inheritdoc />
    public override string Source => "Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR 19(70), Thm 3 and §4 (multiclass); claims catalogue E1/E2";
    /// <inheritdoc />
    public override string Statement =>
        "Mode (b), plain GD with the default fixed step 1/L on CE, separable random features: along the log-spaced checkpoints after separability, "
        + "svmDirectionDistance = ‖W/‖W‖ − W_svm/‖W_svm‖‖_F strictly decreases; svmResidual = ‖W(t) − W_svm ln t‖_F changes by less than "
        + "residualTolerance (relative) over the last decade of steps (ρ(t) settles); the SVM is certified with duality gap below gapTolerance; "
        + "a fit distance ≈ a/ln t + c is reported with a, c, R².";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>
    {
        ["classes"] = "5", ["dim"] = "12", ["perClass"] = "25", ["separation"] = "1", ["steps"] = "200000",
        ["residualTolerance"] = "0.05", ["gapTolerance"] = "1e-8",
    };

    /// <summary>The configuration the check runs.</summary>
    public UfmConfig Config(ClaimContext c) => new()
    {
        Mode = UfmMode.FixedFeatures, Classes = c.GetInt(this, "classes"), Dim = c.GetInt(this, "dim"),
        PerClass = c.GetInt(this, "perClass"), FeatureSeparation = c.GetDouble(this, "separation"),
        Steps = c.GetInt(this, "steps"), Seed = c.Seed,
    };

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var result = UfmSimulator.Run(Config(context));
        return Evaluate(result, context.GetDouble(this, "residualTolerance"), context.GetDouble(this, "gapTolerance"), Effective(context));
    }

    /// <summary>Evaluates the claim on a finished mode-(b) trajectory.</summary>
    public ClaimResult Evaluate(UfmResult r, double residualTolerance = 0.05, double gapTolerance = 1e-8,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= RunParameters(r);
        var seed = r.Config.Seed;
        if (r.Config.Mode != UfmMode.FixedFeatures || r.Config.Loss != UfmLoss.CrossEntropy || r.Config.LambdaW > 0 || r.Config.LambdaB > 0)
            return Inconclusive(parameters, seed, "needs mode fixed-features, CE and no weight decay");
        if (r.Svm is null) return Inconclusive(parameters, seed, "the fixed features are not linearly separable (no hard-margin SVM)");
        var rows = r.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0 || rows.Count - sep < 4) return Inconclusive(parameters, seed, "GD did not separate the data early enough to follow the direction");
        var last = rows.Count - 1;
        var decadeAgo = TrajectoryView.Nearest(rows, rows[last].Step / 10.0);
        var rT = rows[last].SvmResidual;
        var rPrev = rows[decadeAgo].SvmResidual;
        var change = Math.Abs(rT - rPrev) / rT;
        var nonDecreases = TrajectoryView.NonDecreases(rows, sep, x => x.SvmDirectionDistance);
        var tail = rows.Skip(sep).ToList();
        var fit = RateFit.InverseLog(tail.Select(x => x.Step).ToList(), tail.Select(x => x.SvmDirectionDistance).ToList());
        var gap = r.Svm.DualityGap;
        var holds = nonDecreases == 0 && change < residualTolerance && gap < gapTolerance && r.Svm.Certified;
        var i4 = TrajectoryView.Nearest(rows, 1e4);
        var detail =
            $"svmDirectionDistance {F(rows[sep].SvmDirectionDistance)} (t={rows[sep].Step}, separable) → {F(rows[i4].SvmDirectionDistance)} (t={rows[i4].Step}) → "
            + $"{F(rows[last].SvmDirectionDistance)} (t={rows[last].Step}), {(nonDecreases == 0 ? "strictly decreasing at" : $"{nonDecreases} non-decreases among")} "
            + $"{rows.Count - sep} checkpoints; fit ≈ a/ln t + c: a={F(fit.A)}, c={F(fit.C)}, R²={fit.R2:F4}; svmResidual {F(rPrev)} (t={rows[decadeAgo].Step}) → "
            + $"{F(rT)} (t={rows[last].Step}): {change:P2} change over the last decade (tolerance {residualTolerance:P0}) while ‖W‖ {F(rows[decadeAgo].NormW)} → "
            + $"{F(rows[last].NormW)}; SVM duality gap {gap:E2}, max violation {r.Svm.MaxViolation:E2}, certified {r.Svm.Certified}.";
        return new ClaimResult(Id, parameters, change, 0.0, residualTolerance, holds ? Verdict.Holds : Verdict.Fails, seed, detail);
    }
}
