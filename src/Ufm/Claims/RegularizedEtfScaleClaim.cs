using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Regularized CE UFM (Zhu, Ding, Zhou, Li, You, Sulam, Qu 2021, NeurIPS, Thm 3.1; scale from claims catalogue D2):
/// with balanced classes and λ_W, λ_H &gt; 0 the global minimiser is a simplex ETF with h = c·w, c = √(λ_W/(nλ_H)), and
/// ‖w_k‖² = t* = ((K−1)/(cK))·log(c/λ_W − (K−1)) when K√(nλ_Wλ_H) &lt; 1; otherwise W = H = 0.
/// </summary>
public sealed class RegularizedEtfScaleClaim : UfmClaim
{
    /// <inheritdoc />
    public override string Id => "ufm-regularized-etf-scale";
    /// <inheritdoc />
    public override string Title => "Regularized CE UFM: GD reaches the ETF global minimiser with the closed-form scale";
    /// <inheritdoc />
    public override string Source => "Zhu et al. 2021, NeurIPS, \"A geometric analysis of neural collapse with unconstrained features\", Thm 3.1; closed-form scale: claims catalogue D2 (derived, checked against L-BFGS)";
    /// <inheritdoc />
    public override string Statement =>
        "Joint mode, CE, balanced n per class, λ_W, λ_H > 0 (objective (1/N)Σℓ + λ_W/2‖W‖² + λ_H/2‖H‖²): at the end of GD, ‖W‖_F and ‖H‖_F are within "
        + "tolerance (relative) of √(K t*) and √(N c² t*), and the structure is an ETF (etfGramCosine(W) → 1, nc1 → 0); below the threshold "
        + "K√(nλ_Wλ_H) ≥ 1 both norms are below tolerance (absolute).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>
    {
        ["classes"] = "4", ["dim"] = "8", ["perClass"] = "5", ["lambdaW"] = "5e-3", ["lambdaH"] = "5e-3", ["steps"] = "20000",
        ["initScale"] = "0.1", ["tolerance"] = "0.01",
    };

    /// <summary>Closed-form ‖W‖_F and ‖H‖_F of the global minimiser (0 and 0 beyond the threshold).</summary>
    public static (double NormW, double NormH, double TStar) ClosedForm(int classes, int perClass, double lambdaW, double lambdaH)
    {
        int k = classes, n = perClass;
        if (k * Math.Sqrt(n * lambdaW * lambdaH) >= 1) return (0, 0, 0);
        var c = Math.Sqrt(lambdaW / (n * lambdaH));
        var t = (k - 1.0) / (c * k) * Math.Log(c / lambdaW - (k - 1));
        return (Math.Sqrt(k * t), Math.Sqrt((double)k * n * c * c * t), t);
    }

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var config = new UfmConfig
        {
            Mode = UfmMode.Joint, Classes = context.GetInt(this, "classes"), Dim = context.GetInt(this, "dim"),
            PerClass = context.GetInt(this, "perClass"), LambdaW = context.GetDouble(this, "lambdaW"), LambdaH = context.GetDouble(this, "lambdaH"),
            Steps = context.GetInt(this, "steps"), InitScale = context.GetDouble(this, "initScale"), Seed = context.Seed,
        };
        return Evaluate(UfmSimulator.Run(config), context.GetDouble(this, "tolerance"), Effective(context));
    }

    /// <summary>Evaluates the claim on a finished regularized joint-mode run.</summary>
    public ClaimResult Evaluate(UfmResult r, double tolerance = 0.01, IReadOnlyDictionary<string, string>? parameters = null)
    {
        parameters ??= RunParameters(r);
        var c = r.Config;
        var seed = c.Seed;
        if (c.Mode != UfmMode.Joint || c.Loss != UfmLoss.CrossEntropy || c.Imbalance != 1 || c.FeaturesPath is not null || !(c.LambdaW > 0 && c.LambdaH > 0))
            return Inconclusive(parameters, seed, "needs joint mode, CE, balanced classes and λ_W, λ_H > 0");
        if (c.Bias && c.LambdaB == 0)
            return Inconclusive(parameters, seed, "an unregularized bias leaves b = β1 free; use λ_b > 0 or no bias");
        var (w, h, t) = ClosedForm(r.Classes, c.PerClass, c.LambdaW, c.LambdaH);
        var last = r.Final;
        double measured;
        string detail;
        if (w == 0)
        {
            measured = Math.Max(last.NormW, last.NormH);
            detail = $"K√(nλ_Wλ_H) = {F(r.Classes * Math.Sqrt(c.PerClass * c.LambdaW * c.LambdaH))} ≥ 1: the minimiser is W = H = 0; measured ‖W‖ = {last.NormW:E2}, ‖H‖ = {last.NormH:E2} after {last.Step} steps.";
        }
        else
        {
            var ew = Math.Abs(last.NormW - w) / w;
            var eh = Math.Abs(last.NormH - h) / h;
            measured = Math.Max(ew, eh);
            detail = $"closed form t* = {t:F6}: ‖W‖_F = {w:F6}, ‖H‖_F = {h:F6}; measured {last.NormW:F6} ({ew:E2} rel.), {last.NormH:F6} ({eh:E2} rel.) after "
                     + $"{last.Step} steps; etfGramCosine(W) {last.EtfGramCosine:F8}, nc1 {last.Nc1:E2}, nc3 {last.Nc3:E2}, objective {last.Objective:F10}.";
        }
        return new ClaimResult(Id, parameters, measured, 0.0, tolerance, measured <= tolerance ? Verdict.Holds : Verdict.Fails, seed, detail);
    }
}
