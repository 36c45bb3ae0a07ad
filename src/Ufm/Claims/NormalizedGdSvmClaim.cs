using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Faster convergence to the SVM direction with a loss-normalized step η_t ∝ 1/F(W_t) (Nacson, Lee, Gunasekar,
/// Savarese, Srebro, Soudry 2019, AISTATS, "Convergence of gradient descent on separable data"): the same limit
/// direction as fixed-step GD, reached polynomially instead of logarithmically fast.
/// </summary>
public sealed class NormalizedGdSvmClaim : UfmClaim
{
    /// <inheritdoc />
    public override string Id => "ufm-normalized-gd-svm";
    /// <inheritdoc />
    public override string Title => "Loss-normalized GD reaches the same SVM direction much faster than fixed-step GD";
    /// <inheritdoc />
    public override string Source => "Nacson, Lee, Gunasekar, Savarese, Srebro, Soudry 2019, AISTATS (PMLR 89), normalized GD on separable data";
    /// <inheritdoc />
    public override string Statement =>
        "Mode (b), same separable features and steps: with the schedule η_t = η·F₀/F_t (default η = 1/(2F₀ max‖h_i‖²)) the final "
        + "svmDirectionDistance is at most 1/speedup of the fixed-step (1/L) run's, and it decreases along the checkpoints after separability.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>
    {
        ["classes"] = "5", ["dim"] = "12", ["perClass"] = "25", ["separation"] = "1", ["steps"] = "200000", ["speedup"] = "10",
    };

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var plain = new CeSvmDirectionClaim().Config(new ClaimContext(
            new Dictionary<string, string>
            {
                ["classes"] = context.Raw(this, "classes"), ["dim"] = context.Raw(this, "dim"), ["perClass"] = context.Raw(this, "perClass"),
                ["separation"] = context.Raw(this, "separation"), ["steps"] = context.Raw(this, "steps"),
            }, 1, context.Seed));
        var fixedRun = UfmSimulator.Run(plain);
        var normalizedRun = UfmSimulator.Run(plain with { Schedule = StepSchedule.Normalized });
        return Evaluate(fixedRun, normalizedRun, context.GetDouble(this, "speedup"), Effective(context));
    }

    /// <summary>Compares a fixed-step and a normalized run on the same features.</summary>
    public ClaimResult Evaluate(UfmResult fixedRun, UfmResult normalizedRun, double speedup, IReadOnlyDictionary<string, string> parameters)
    {
        var seed = fixedRun.Config.Seed;
        if (fixedRun.Svm is null || normalizedRun.Svm is null) return Inconclusive(parameters, seed, "the fixed features are not linearly separable");
        var rows = normalizedRun.Trajectory;
        var sep = TrajectoryView.FirstSeparable(rows);
        if (sep < 0) return Inconclusive(parameters, seed, "the normalized run never separated the data");
        var nonDecreases = TrajectoryView.NonDecreases(rows, sep, x => x.SvmDirectionDistance);
        var dFixed = fixedRun.Final.SvmDirectionDistance;
        var dNorm = normalizedRun.Final.SvmDirectionDistance;
        var holds = nonDecreases == 0 && dNorm * speedup <= dFixed;
        var detail = $"after {fixedRun.StepsDone} steps: svmDirectionDistance {F(dNorm)} with η_t = η F₀/F_t (η = {F(normalizedRun.StepSize)}, ‖W‖ = "
                     + $"{F(normalizedRun.Final.NormW)}) versus {F(dFixed)} with the fixed step {F(fixedRun.StepSize)} (‖W‖ = {F(fixedRun.Final.NormW)}): "
                     + $"{dFixed / dNorm:F1}× closer (required {speedup}×); normalized distances {(nonDecreases == 0 ? "strictly decrease" : $"rise {nonDecreases} times")} after separability (t={rows[sep].Step}); "
                     + $"normalized margin {F(normalizedRun.Final.NormalizedMargin)} vs {F(fixedRun.Final.NormalizedMargin)}.";
        return new ClaimResult(Id, parameters, dNorm, dFixed / speedup, 0.0, holds ? Verdict.Holds : Verdict.Fails, seed, detail);
    }
}
