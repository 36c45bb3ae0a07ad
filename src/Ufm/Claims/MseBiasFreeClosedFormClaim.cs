using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Theory.Geometry;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using MathNet.Numerics.LinearAlgebra;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="MseBiasFreeClosedFormClaim"/>.</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d (≥ K).</param>
/// <param name="PerClass">n.</param>
/// <param name="Thresholds">Values of c = K√(nλ_Wλ_H), one run each; λ_W = c/(K√n)·√ratio, λ_H = c/(K√n)/√ratio.</param>
/// <param name="LambdaRatio">λ_W/λ_H.</param>
/// <param name="Steps">GD steps per run.</param>
/// <param name="InitScale">Initialisation scale.</param>
/// <param name="Tolerance">Largest allowed relative error below the threshold, and largest allowed ‖W‖_F, ‖H‖_F beyond it.</param>
/// <param name="UnconvertedThreshold">False variant: predict with √(λ_Wλ_H) (Tirer–Bruna's c without the normalisation change) instead of c.</param>
/// <param name="EtfFrame">False variant: expect W Wᵀ ∝ P_K (a simplex ETF) instead of the orthogonal frame W Wᵀ ∝ I.</param>
public sealed record MseBiasFreeClosedFormParameters(int Classes, int Dim, int PerClass, IReadOnlyList<double> Thresholds, double LambdaRatio, long Steps,
    double InitScale, double Tolerance, bool UnconvertedThreshold, bool EtfFrame);

/// <summary>
/// Regularised bias-free MSE UFM (Tirer and Bruna 2022, Thm 3.1; benign landscape: Zhou et al. 2022): GD reaches the
/// closed-form global minimiser — an orthogonal frame with W H = (1 − c)Y below the threshold c = K√(nλ_Wλ_H) &lt; 1,
/// the origin beyond it (<see cref="MseUfmMinimiser"/>).
/// </summary>
public sealed class MseBiasFreeClosedFormClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-mse-bias-free-closed-form", ClaimKind.Asymptotic)
    {
        Title = "Regularised bias-free MSE UFM: GD reaches the closed-form minimiser (orthogonal frame below the threshold, zero beyond)",
        Statement =
            "Joint mode, MSE (1/(2N))‖WH − Y‖² + λ_W/2‖W‖² + λ_H/2‖H‖², no bias, balanced n per class, d ≥ K; c = K√(nλ_Wλ_H) (= Tirer–Bruna's √(λ_Wλ_H) "
            + "with λ_W^TB = Kλ_W, λ_H^TB = Nλ_H). For c < 1: after GD the relative errors of the objective vs f* = c − c²/2, of W Wᵀ vs (1 − c)/κ·I_K and of H vs "
            + "κ W_y (h_i = κ w_{y_i}, κ = √(λ_W/(nλ_H)); an orthogonal frame, not an ETF) are ≤ tolerance; for c ≥ 1: ‖W‖_F, ‖H‖_F ≤ tolerance (minimiser 0, f* = 1/2). "
            + "Both regimes must be among the thresholds checked.",
        Source = "Tirer & Bruna 2022, ICML, \"Extended unconstrained features model for exploring deep neural collapse\", Thm 3.1 (threshold √(λ_Wλ_H) in their normalisation); "
            + "Zhou et al. 2022, ICML (benign MSE landscape)",
        References = ["tirer2022", "tirer2023", "zhou2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 6, "feature dimension d (the closed form needs d ≥ K)", min: 1, max: 10000),
            ClaimParameter.Int("perClass", 5, "samples per class n", min: 1, max: 10000),
            ClaimParameter.RealList("thresholds", "0.3,0.7,1.5", "values of c = K√(nλ_Wλ_H), one GD run each; values below and above 1 are both needed", min: 1e-6, max: 1000),
            ClaimParameter.Real("lambdaRatio", 2, "λ_W/λ_H of every run", min: 1e-6, max: 1e6),
            ClaimParameter.Int("steps", 5000, "GD steps per run", min: 1, max: 100000000),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 1e-12, max: 100),
            ClaimParameter.Real("tolerance", 1e-12, "largest relative error below the threshold and largest ‖W‖_F, ‖H‖_F, |f − ½| beyond it (measured ≤ 9.7e-16 over 12 seeds)", min: 0),
            ClaimParameter.Text("thresholdForm", "k-sqrt-n", "k-sqrt-n = c = K√(nλ_Wλ_H) (the statement); unconverted = Tirer–Bruna's √(λ_Wλ_H) without the normalisation change "
                + "(falsifier)", "k-sqrt-n", "unconverted"),
            ClaimParameter.Text("frame", "orthogonal", "orthogonal = W Wᵀ ∝ I (the statement); etf expects a simplex ETF W Wᵀ ∝ P_K (falsifier)", "orthogonal", "etf"),
        ],
        Falsifiers =
        [
            Falsifier.Of("threshold-unconverted", "Tirer–Bruna's threshold √(λ_Wλ_H) applied to the simulator's λ without the normalisation change K√n", ("thresholdForm", "unconverted")),
            Falsifier.Of("etf-frame", "a simplex ETF W Wᵀ ∝ P_K expected instead of the orthogonal frame W Wᵀ ∝ I (bias-free MSE has no ETF classifier)", ("frame", "etf")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static MseBiasFreeClosedFormParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new MseBiasFreeClosedFormParameters(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.RealList("thresholds"), p.Real("lambdaRatio"), p.Int("steps"),
            p.Real("initScale"), p.Real("tolerance"), p.Text("thresholdForm") == "unconverted", p.Text("frame") == "etf");
    }

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p)
    {
        var v = p.RealList("thresholds");
        p.Require(v.Count >= 1, "thresholds", "at least 1 values");
        for (var i = 1; i < v.Count; i++) p.Require(v[i] > v[i - 1], "thresholds", "strictly increasing values");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    /// <summary>The check on typed parameters: one GD run per threshold, compared with the closed form.</summary>
    public ClaimEvidence Evaluate(MseBiasFreeClosedFormParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = p.Classes, n = p.PerClass, d = p.Dim;
        if (d < k)
            return new ClaimEvidence(Inconclusive(parameters, seed, $"d = {d} < K = {k}: the closed form (an orthogonal frame of K class means) needs d ≥ K"));
        if (!p.Thresholds.Any(c => c < 1) || !p.Thresholds.Any(c => c > 1))
            return new ClaimEvidence(Inconclusive(parameters, seed, "not informative: the thresholds must include a value below 1 (orthogonal frame) and one above 1 (collapse to zero)"));
        var runs = new List<UfmResult>();
        var lines = new List<string>();
        var violations = new List<string>();
        var worst = 0.0;
        foreach (var c in p.Thresholds)
        {
            var scale = c / (k * Math.Sqrt(n));
            double lw = scale * Math.Sqrt(p.LambdaRatio), lh = scale / Math.Sqrt(p.LambdaRatio);
            var r = UfmSimulator.Run(new UfmConfig
            {
                Mode = UfmMode.Joint,
                Loss = UfmLoss.Mse,
                Classes = k,
                Dim = d,
                PerClass = n,
                LambdaW = lw,
                LambdaH = lh,
                Steps = p.Steps,
                InitScale = p.InitScale,
                Seed = seed,
                Svm = SvmPolicy.Never,
                LogPointsPerDecade = 10,
            });
            runs.Add(r);
            var truth = MseUfmMinimiser.Of(k, n, lw, lh);
            var expected = p.UnconvertedThreshold ? truth with { Threshold = Math.Sqrt(lw * lh) } : truth;
            var (error, line) = Compare(r, expected, p.EtfFrame);
            worst = Math.Max(worst, error);
            lines.Add($"c = {Num(truth.Threshold)} (λ_W {Num(lw)}, λ_H {Num(lh)}): {line}");
            if (!(error <= p.Tolerance)) violations.Add($"c = {Num6(truth.Threshold)}: {line}; allowed {Num(p.Tolerance)}");
        }
        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var detail = string.Join("; ", lines) + (p.UnconvertedThreshold ? " [false variant: threshold √(λ_Wλ_H)]" : "") + (p.EtfFrame ? " [false variant: ETF frame]" : "") + ".";
        var result = new ClaimResult(Info.Id, parameters, worst, 0, p.Tolerance, verdict, seed, detail);
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable(Plots(runs, p, k, n)),
            FalsifyingInstance = verdict == Verdict.Fails ? TrajectoryPlots.Falsifying(runs, violations) : null,
        };
    }

    /// <summary>The worst relative error of a run against a closed form (absolute norms in the zero regime) and its description.</summary>
    private static (double Error, string Line) Compare(UfmResult r, MseUfmMinimiser m, bool etfFrame)
    {
        int k = r.Classes, d = r.Dim;
        var w = Matrix(r.W, k, d);
        var h = Matrix(r.H, r.Labels.Length, d);
        var f = r.Final.Objective;
        if (m.IsZero)
        {
            var e = Math.Max(Math.Max(w.FrobeniusNorm(), h.FrobeniusNorm()), Math.Abs(f - m.Objective));
            return (e, $"closed form W = H = 0, f* = 1/2; measured ‖W‖_F {w.FrobeniusNorm():E2}, ‖H‖_F {h.FrobeniusNorm():E2}, f − f* {f - m.Objective:E2}");
        }
        var ef = Math.Abs(f - m.Objective) / m.Objective;
        var target = etfFrame
            ? m.ClassifierNormSquared * k / (k - 1.0) * (Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k))
            : m.ClassifierNormSquared * Matrix<double>.Build.DenseIdentity(k);
        var eg = (w.TransposeAndMultiply(w) - target).FrobeniusNorm() / target.FrobeniusNorm();
        double num = 0;
        for (var i = 0; i < r.Labels.Length; i++)
            for (var j = 0; j < d; j++)
            {
                var t = m.FeatureToClassifier * w[r.Labels[i], j];
                num += (h[i, j] - t) * (h[i, j] - t);
            }
        // ‖H − κW_y‖_F relative to the closed form's ‖H‖_F = √(N κ(1 − c)); a run that went to 0 against a non-zero closed form gives 1.
        var eh = Math.Max(Math.Sqrt(num / (r.Labels.Length * m.FeatureNormSquared)), Math.Abs(h.FrobeniusNorm() / Math.Sqrt(r.Labels.Length * m.FeatureNormSquared) - 1));
        var worst = Math.Max(ef, Math.Max(eg, eh));
        return (worst, $"f {f:F12} vs f* {m.Objective:F12} ({ef:E1}), WWᵀ vs {(etfFrame ? "ETF" : "(1 − c)/κ·I")} {eg:E1}, H vs κW_y {eh:E1}, nc1 {r.Final.Nc1:E1}");
    }

    private static List<PlotSpec> Plots(IReadOnlyList<UfmResult> runs, MseBiasFreeClosedFormParameters p, int k, int n)
    {
        var gap = new PlotSpec("Objective minus the closed-form minimum vs step", TrajectoryPlots.StepLabel, "f − f*", true, true,
            TrajectoryPlots.NonEmpty(runs.Select(r =>
            {
                var m = MseUfmMinimiser.Of(k, n, r.Config.LambdaW, r.Config.LambdaH);
                return TrajectoryPlots.Series($"c = {Num(m.Threshold)}{(m.IsZero ? " (minimiser 0)" : "")}", r.Trajectory, x => x.Objective - m.Objective, true, true);
            })))
        {
            Caption = "GD converges to the closed-form value f* = c − c²/2 (c < 1) or 1/2 (c ≥ 1); points where f − f* rounds to ≤ 0 are not drawn.",
        };
        var norms = new PlotSpec("‖W‖_F² vs step against K‖w‖² of the closed form", TrajectoryPlots.StepLabel, "‖W‖_F²", true, false,
            TrajectoryPlots.NonEmpty(runs.SelectMany((r, i) =>
            {
                var m = MseUfmMinimiser.Of(k, n, r.Config.LambdaW, r.Config.LambdaH);
                return new[]
                {
                    TrajectoryPlots.Series($"c = {Num(m.Threshold)}", r.Trajectory, x => x.NormW * x.NormW, true, false) with { ColorSlot = i },
                    TrajectoryPlots.Level($"closed form c = {Num(m.Threshold)}: {Num(k * m.ClassifierNormSquared)}", k * m.ClassifierNormSquared, r.Trajectory) with { ColorSlot = i },
                };
            })))
        {
            Caption = "The classifier's squared norm settles on K(1 − c)/κ below the threshold and on 0 beyond it (the collapse to zero).",
        };
        return [gap, norms];
    }
}
