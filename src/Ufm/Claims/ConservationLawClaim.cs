using Collapse.Theory.Claims;
using Collapse.Theory.Geometry;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using MathNet.Numerics.LinearAlgebra;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="ConservationLawClaim"/>.</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
/// <param name="PerClass">n.</param>
/// <param name="Loss">Loss of the UFM (the law holds for any loss of the logits).</param>
/// <param name="InitScale">Initialisation scale (large enough that C(0) = WᵀW − HHᵀ is far from 0).</param>
/// <param name="LearningRate">η of the coarse runs (the fine runs use η/2 over the same flow time).</param>
/// <param name="FlowTime">Flow time T = η·steps of every run.</param>
/// <param name="Lambda">λ of the decay runs (λ_W = λ_H = λ) and of the unequal run (λ_W = λ, λ_H = 2λ).</param>
/// <param name="Tolerance">Largest allowed relative residual ‖ΔC − predicted‖_F/‖C‖_F of the one-step identity.</param>
/// <param name="OrderSlack">The η/2 to η ratio of the flow-law errors must lie in [½ − slack, ½ + slack] (first order in η).</param>
/// <param name="SecondOrder">1 keeps the η² term of the identity (statement), 0 drops it (false variant).</param>
/// <param name="DecayRate">r in C(t) = e^{−rλt}C(0): 2 for the statement, 1 is a false constant.</param>
public sealed record ConservationLawParameters(int Classes, int Dim, int PerClass, UfmLoss Loss, double InitScale, double LearningRate, double FlowTime,
    double Lambda, double Tolerance, double OrderSlack, double SecondOrder, double DecayRate);

/// <summary>
/// Balancedness of the factorised UFM (Du, Hu, Lee 2018): C = WᵀW − HHᵀ changes under one GD step exactly by
/// −2η(λ_W WᵀW − λ_H HHᵀ) + η²(ĝ_Wᵀĝ_W − ĝ_H ĝ_Hᵀ) (<see cref="Balancedness"/>), hence is conserved by gradient flow
/// without weight decay and decays as e^{−2λt} with λ_W = λ_H = λ; GD approaches both laws at first order in η.
/// </summary>
public sealed class ConservationLawClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-conservation-law", ClaimKind.Identity)
    {
        Title = "Balancedness WᵀW − HHᵀ: exact one-step GD identity, conserved by gradient flow, decaying as e^{−2λt} with weight decay",
        Statement =
            "Joint-mode UFM (any loss of the logits WH + b1ᵀ; the bias does not enter C = WᵀW − HHᵀ): (i) every GD step satisfies "
            + "C' − C = −2η(λ_W WᵀW − λ_H HHᵀ) + η²(ĝ_Wᵀĝ_W − ĝ_Hĝ_Hᵀ) to tolerance (relative to ‖C‖_F), for λ = 0, λ_W = λ_H and λ_W ≠ λ_H; (ii) without decay "
            + "the drift ‖C(T) − C(0)‖ is at most η²Σ(‖ĝ_W‖² + ‖ĝ_H‖²) and halves with η (ratio in ½ ± orderSlack at equal flow time T): C is conserved by gradient "
            + "flow; (iii) with λ_W = λ_H = λ the error ‖C(T) − e^{−2λT}C(0)‖ halves with η likewise: C(t) = e^{−2λt}C(0) under gradient flow.",
        Source = "Du, Hu, Lee 2018, NeurIPS, \"Algorithmic regularization in learning deep homogeneous models: layers are automatically balanced\" (gradient flow); the "
            + "weight-decay and discrete-step forms are derived (docs/review-models.md)",
        References = ["du2018"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 6, "feature dimension d", min: 1, max: 10000),
            ClaimParameter.Int("perClass", 5, "samples per class n", min: 1, max: 10000),
            ClaimParameter.Text("loss", "ce", "loss of the UFM (the law holds for any loss of the logits)", "ce", "mse"),
            ClaimParameter.Real("initScale", 0.5, "initialisation scale (large enough that C(0) is far from 0)", min: 1e-6, max: 1000),
            ClaimParameter.Real("lr", 0.1, "η of the coarse runs (the fine runs use η/2 over the same flow time)", min: 1e-9, max: 1000),
            ClaimParameter.Real("flowTime", 20, "flow time T = η·steps of every run", min: 1e-9, max: 1e6),
            ClaimParameter.Real("lambda", 0.05, "λ of the decay runs (λ_W = λ_H = λ) and of the unequal run (λ_W = λ, λ_H = 2λ)", min: 1e-12, max: 1000),
            ClaimParameter.Real("tolerance", 1e-13, "largest relative residual of the one-step identity (measured ≤ 1.7e-15 over 12 seeds)", min: 0),
            ClaimParameter.Real("orderSlack", 0.05, "the η/2-to-η ratio of the flow-law errors must lie in ½ ± orderSlack (measured deviation ≤ 9e-4)", min: 0, max: 0.5),
            ClaimParameter.Text("secondOrder", "kept", "kept = the exact identity (the statement); dropped removes its η² term (falsifier)", "kept", "dropped"),
            ClaimParameter.Text("decayRate", "2-lambda", "2-lambda = C(t) = e^{−2λt}C(0) (the statement); 1-lambda is a false constant (falsifier)", "2-lambda", "1-lambda"),
        ],
        Falsifiers =
        [
            Falsifier.Of("identity-without-eta-squared", "the one-step identity without its η²(ĝ_Wᵀĝ_W − ĝ_Hĝ_Hᵀ) term", ("secondOrder", "dropped")),
            Falsifier.Of("decay-rate-lambda", "C(t) = e^{−λt}C(0) instead of e^{−2λt}C(0) (a false constant)", ("decayRate", "1-lambda")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static ConservationLawParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new ConservationLawParameters(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Text("loss") == "mse" ? UfmLoss.Mse : UfmLoss.CrossEntropy,
            p.Real("initScale"), p.Real("lr"), p.Real("flowTime"), p.Real("lambda"), p.Real("tolerance"), p.Real("orderSlack"),
            p.Text("secondOrder") == "dropped" ? 0 : 1, p.Text("decayRate") == "1-lambda" ? 1 : 2);
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    private sealed record RunRecord(string Name, double Eta, double LambdaW, double LambdaH, double[] Time, double[] Residual, double[] FlowError,
        double Drift, double DriftBound, UfmConfig Config, double Norm0);

    /// <summary>The check on typed parameters: five GD runs read after every step.</summary>
    public ClaimEvidence Evaluate(ConservationLawParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        var eta = p.LearningRate;
        var free = Run(p, seed, "no decay, η", eta, 0, 0);
        var freeFine = Run(p, seed, "no decay, η/2", eta / 2, 0, 0);
        var decay = Run(p, seed, "λ_W = λ_H = λ, η", eta, p.Lambda, p.Lambda);
        var decayFine = Run(p, seed, "λ_W = λ_H = λ, η/2", eta / 2, p.Lambda, p.Lambda);
        var unequal = Run(p, seed, "λ_W = λ, λ_H = 2λ, η", eta, p.Lambda, 2 * p.Lambda);
        RunRecord[] all = [free, freeFine, decay, decayFine, unequal];
        var violations = new List<string>();
        var worst = all.Max(r => r.Residual.Max());
        foreach (var r in all)
        {
            var i = Array.IndexOf(r.Residual, r.Residual.Max());
            if (!(r.Residual[i] <= p.Tolerance))
                violations.Add($"{r.Name}: one-step identity residual {r.Residual[i]:E3} (relative to ‖C‖_F) at step {i} exceeds tolerance {Num(p.Tolerance)}");
        }
        if (!(free.Drift <= free.DriftBound)) violations.Add($"no decay: drift ‖C(T) − C(0)‖ = {free.Drift:E3} exceeds η²Σ(‖ĝ_W‖² + ‖ĝ_H‖²) = {free.DriftBound:E3}");
        var driftRatio = freeFine.Drift / free.Drift;
        var decayRatio = decayFine.FlowError[^1] / decay.FlowError[^1];
        if (!(Math.Abs(driftRatio - 0.5) <= p.OrderSlack))
            violations.Add($"no decay: drift ratio (η/2 vs η) {driftRatio:F4} is outside ½ ± {Num(p.OrderSlack)}: "
                + $"C is not conserved in the flow limit (drifts {freeFine.Drift:E3}, {free.Drift:E3})");
        if (!(Math.Abs(decayRatio - 0.5) <= p.OrderSlack))
            violations.Add($"decay: error ratio ‖C(T) − e^{{−{Num(p.DecayRate)}λT}}C(0)‖ (η/2 vs η) {decayRatio:F4} is outside ½ ± {Num(p.OrderSlack)} (errors "
                + $"{decayFine.FlowError[^1]:E3}, {decay.FlowError[^1]:E3})");
        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var detail = $"one-step identity{(p.SecondOrder == 0 ? " without the η² term [false variant]" : "")}: largest relative residual {worst:E2} over {all.Sum(r => r.Residual.Length)} steps "
                     + $"(λ = 0, λ_W = λ_H = {Num(p.Lambda)}, λ_W = {Num(p.Lambda)} ≠ λ_H); no decay, T = {Num(p.FlowTime)}: "
                     + $"drift/‖C(0)‖ {free.Drift:E3} (η = {Num(eta)}, bound {free.DriftBound:E3}) "
                     + $"→ {freeFine.Drift:E3} (η/2), ratio {driftRatio:F4}; "
                     + $"decay: ‖C(T) − e^{{−{Num(p.DecayRate)}λT}}C(0)‖/‖C(0)‖ {decay.FlowError[^1]:E3} → {decayFine.FlowError[^1]:E3}, "
                     + $"ratio {decayRatio:F4} (‖C(T)‖/‖C(0)‖ = {decay.Norm0:F4} vs e^{{−2λT}} = {Math.Exp(-2 * p.Lambda * p.FlowTime):F4}).";
        var result = new ClaimResult(Info.Id, parameters, worst, 0, p.Tolerance, verdict, seed, detail);
        var lawPlot = new PlotSpec("Distance from the gradient-flow law vs flow time", "flow time t = η·step", "‖C(t) − law(t)‖_F/‖C(0)‖_F", false, true,
            TrajectoryPlots.NonEmpty(all.Take(4).Select(r => Series(r.Name, r.Time, r.FlowError, false, true))))
        {
            Caption = $"Law: C(t) = C(0) without decay, C(t) = e^{{−{Num(p.DecayRate)}λt}}C(0) with λ_W = λ_H = λ. Halving η halves the distance (first order in η), so the flow "
                + $"obeys the law exactly.",
        };
        var identityPlot = new PlotSpec("One-step identity residual vs step", "flow time t = η·step", "‖ΔC − predicted ΔC‖_F/‖C‖_F", false, true,
            TrajectoryPlots.NonEmpty(all.Select(r => Series(r.Name, r.Time.Skip(1).ToArray(), r.Residual, false, true))))
        {
            Caption = "Every GD step changes C exactly by −2η(λ_W WᵀW − λ_H HHᵀ) + η²(ĝ_Wᵀĝ_W − ĝ_Hĝ_Hᵀ): the residual is rounding (steps where it is exactly 0 are not drawn).",
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([lawPlot, identityPlot]),
            FalsifyingInstance = verdict == Verdict.Fails
                ? string.Join("\n", all.Select(r => $"run {r.Name}: loss {r.Config.Loss}, bias yes, seed {seed}, classes {p.Classes}, dim {p.Dim}, {p.PerClass} per class, "
                                                    + $"init scale {Num(p.InitScale)}, η {Num(r.Eta)}, {r.Config.Steps} steps, λ_W {Num(r.LambdaW)}, λ_H {Num(r.LambdaH)}")
                                  .Append("violated:").Concat(violations.Select(v => "  " + v)))
                : null,
        };
    }

    private static RunRecord Run(ConservationLawParameters p, int seed, string name, double eta, double lambdaW, double lambdaH)
    {
        var steps = (long)Math.Round(p.FlowTime / eta);
        var config = new UfmConfig
        {
            Mode = UfmMode.Joint,
            Loss = p.Loss,
            Bias = true,
            Classes = p.Classes,
            Dim = p.Dim,
            PerClass = p.PerClass,
            LambdaW = lambdaW,
            LambdaH = lambdaH,
            InitScale = p.InitScale,
            LearningRate = eta,
            Steps = steps,
            Seed = seed,
            Svm = SvmPolicy.Never,
        };
        using var stepper = new UfmStepper(config);
        int k = p.Classes, d = p.Dim, n = stepper.Data.Samples;
        double[] w = new double[k * d], h = new double[n * d], b = new double[k];
        var residual = new double[steps];
        var flowError = new double[steps + 1];
        var time = new double[steps + 1];
        stepper.Read(w, h, b);
        var wm = Matrix(w, k, d);
        var hm = Matrix(h, n, d);
        var c0 = Balancedness.Of(wm, hm);
        var norm0 = c0.FrobeniusNorm();
        var c = c0;
        var bound = 0.0;
        for (var t = 0; t <= steps; t++)
        {
            time[t] = t * eta;
            var law = lambdaW == lambdaH ? Math.Exp(-p.DecayRate * lambdaW * time[t]) * c0 : c0;
            flowError[t] = (c - law).FrobeniusNorm() / norm0;
            if (t == steps) break;
            var (gw, gh) = Gradients(p.Loss, wm, hm, b, stepper.Data.Labels, lambdaW, lambdaH);
            bound += eta * eta * (Math.Pow(gw.FrobeniusNorm(), 2) + Math.Pow(gh.FrobeniusNorm(), 2));
            var predicted = Balancedness.StepChange(wm, hm, gw, gh, eta, lambdaW, lambdaH, p.SecondOrder);
            stepper.Advance();
            stepper.Read(w, h, b);
            wm = Matrix(w, k, d);
            hm = Matrix(h, n, d);
            var next = Balancedness.Of(wm, hm);
            residual[t] = ((next - c) - predicted).FrobeniusNorm() / c.FrobeniusNorm();
            c = next;
        }
        return new RunRecord(name, eta, lambdaW, lambdaH, time, residual, flowError, (c - c0).FrobeniusNorm() / norm0, bound / norm0, config, c.FrobeniusNorm() / norm0);
    }

    /// <summary>Full gradients ĝ_W = GᵀH + λ_W W (K×d) and ĝ_H = G W + λ_H H (N×d) with G_ij = (1/N)∂ℓ(z_i, y_i)/∂z_ij, in float64.</summary>
    private static (Matrix<double> GW, Matrix<double> GH) Gradients(UfmLoss loss, Matrix<double> w, Matrix<double> h, double[] b, IReadOnlyList<int> labels,
        double lambdaW, double lambdaH)
    {
        int n = h.RowCount, k = w.RowCount;
        var z = h.TransposeAndMultiply(w); // N×K
        var g = Matrix<double>.Build.Dense(n, k);
        for (var i = 0; i < n; i++)
        {
            if (loss == UfmLoss.Mse)
            {
                for (var c = 0; c < k; c++) g[i, c] = (z[i, c] + b[c] - (labels[i] == c ? 1 : 0)) / n;
                continue;
            }
            var m = double.NegativeInfinity;
            for (var c = 0; c < k; c++) m = Math.Max(m, z[i, c] + b[c]);
            var s = 0.0;
            for (var c = 0; c < k; c++) s += Math.Exp(z[i, c] + b[c] - m);
            for (var c = 0; c < k; c++) g[i, c] = (Math.Exp(z[i, c] + b[c] - m) / s - (labels[i] == c ? 1 : 0)) / n;
        }
        return (g.TransposeThisAndMultiply(h) + lambdaW * w, g * w + lambdaH * h);
    }
}
