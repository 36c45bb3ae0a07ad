using Collapse.Theory.Claims;
using Collapse.Theory.Geometry;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="MseCentralPathClaim"/> (λ in the simulator's normalisation, docs/ufm.md).</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d (&gt; K makes the rate check sharp: within-class directions outside W*'s row space decay at exactly the stated rate).</param>
/// <param name="PerClass">n.</param>
/// <param name="LambdaW">λ_W &gt; 0.</param>
/// <param name="LambdaH">λ_H ≥ 0.</param>
/// <param name="FlowTimeStep">δt of the Euler steps of the central-path flow.</param>
/// <param name="FlowSteps">Euler steps.</param>
/// <param name="FlowInitScale">Scale of H₀ for the flow.</param>
/// <param name="GdSteps">Steps of the joint GD run.</param>
/// <param name="GdInitScale">Initialisation scale of the GD run.</param>
/// <param name="LearningRate">GD step η (explicit: the default 1/L bound of the start is too long for the late phase of MSE runs with large features).</param>
/// <param name="Closeness">Relative distance to W*(H) below which GD counts as on the central path (and must stay).</param>
/// <param name="Tolerance">Largest allowed final relative distance ‖W − W*(H)‖/‖W*(H)‖ of the GD run.</param>
/// <param name="Slack">Relative slack of the monotonicity checks (rounding).</param>
/// <param name="RateFactor">r in e^{r λ_H^TB t}: 2 for the statement, 4 claims a doubled rate (false variant).</param>
/// <param name="PerClassRidge">False variant: ridge nλ_W (the per-class count) instead of Nλ_W.</param>
public sealed record MseCentralPathParameters(int Classes, int Dim, int PerClass, double LambdaW, double LambdaH, double FlowTimeStep, int FlowSteps,
    double FlowInitScale, int GdSteps, double GdInitScale, double LearningRate, double Closeness, double Tolerance, double Slack, double RateFactor, bool PerClassRidge);

/// <summary>
/// The central path of the bias-free MSE UFM: along GD the classifier approaches and then stays close to the ridge
/// solution W*(H) (Han, Papyan, Donoho 2022), and along the central-path flow within-class variability decreases
/// (Tirer, Huang, Niles-Weed 2023, Thm 3.1).
/// </summary>
public sealed class MseCentralPathClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-mse-central-path", ClaimKind.Asymptotic)
    {
        Title = "MSE central path: GD stays close to the ridge classifier W*(H), and within-class variability decreases along the central-path flow",
        Statement =
            "Bias-free MSE UFM f = (1/(2N))‖WH − Y‖² + λ_W/2‖W‖² + λ_H/2‖H‖² (= Tirer–Huang–Niles-Weed's objective with λ_W^TB = Kλ_W, λ_H^TB = Nλ_H). "
            + "(a) Central-path flow dH/dt = −N∇L(H), L(H) = f(W*(H), H), W*(H) = Y Hᵀ(HHᵀ + Nλ_W I)⁻¹ (Euler steps): at every step NC1~ = Tr Σ_W/Tr Σ_B "
            + "decreases, e^{2λ_H^TB t} Tr Σ_W does not increase and e^{2λ_H^TB t} Tr Σ_B does not decrease (relative slack). (b) Joint GD from a small "
            + "initialisation: once ‖W − W*(H)‖/‖W*(H)‖ ≤ closeness it stays there, and the final distance is ≤ tolerance.",
        Source = "Han, Papyan, Donoho 2022, ICLR, \"Neural collapse under MSE loss: proximity to and dynamics on the central path\"; Tirer, Huang, Niles-Weed 2023, ICML, "
            + "\"Perturbation analysis of neural collapse\", Thm 3.1",
        References = ["han2022", "tirer2023"],
        Parameters =
        [
            ClaimParameter.Int("classes", 3, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 5, "feature dimension d (> K makes the rate check sharp)", min: 1, max: 10000),
            ClaimParameter.Int("perClass", 4, "samples per class n", min: 2, max: 10000),
            ClaimParameter.Real("lambdaW", 0.005, "weight decay λ_W (the simulator's normalisation)", min: 1e-300),
            ClaimParameter.Real("lambdaH", 1e-4, "weight decay λ_H (the simulator's normalisation; λ_H^TB = Nλ_H)", min: 0),
            ClaimParameter.Real("flowTimeStep", 0.01, "Euler step δt of the central-path flow", min: 1e-300, max: 1000),
            ClaimParameter.Int("flowSteps", 20000, "Euler steps of the flow", min: 1, max: 100000000),
            ClaimParameter.Real("flowInitScale", 1, "scale of the flow's H₀", min: 1e-12, max: 1000),
            ClaimParameter.Int("gdSteps", 20000, "steps of the joint GD run", min: 1, max: 100000000),
            ClaimParameter.Real("gdInitScale", 0.1, "initialisation scale of the GD run", min: 1e-12, max: 1000),
            ClaimParameter.Real("lr", 0.5, "GD step η (explicit: the default 1/L of the start is too long for the late phase)", min: 1e-12, max: 1000),
            ClaimParameter.Real("closeness", 0.01, "relative distance to W*(H) below which GD must stay once reached", min: 0),
            ClaimParameter.Real("tolerance", 1e-5, "largest final relative distance ‖W − W*(H)‖/‖W*(H)‖ (measured 1.82e-6 over 12 seeds)", min: 0),
            ClaimParameter.Real("slack", 1e-12, "relative slack of the monotonicity checks (rounding)", min: 0, max: 1),
            ClaimParameter.Text("rate", "2-lambda", "2-lambda = e^{2λt} (the statement); 4-lambda claims a doubled rate (falsifier)", "2-lambda", "4-lambda"),
            ClaimParameter.Text("ridge", "sample-count", "sample-count = ridge Nλ_W (the statement); per-class-count = nλ_W (falsifier)", "sample-count", "per-class-count"),
        ],
        Falsifiers =
        [
            Falsifier.Of("ridge-per-class-count", "the ridge nλ_W (per-class count) instead of Nλ_W in W*(H)", ("ridge", "per-class-count")),
            Falsifier.Of("rate-doubled", "e^{4λt}Tr Σ_W claimed non-increasing (twice the stated rate 2λ)", ("rate", "4-lambda")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static MseCentralPathParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new MseCentralPathParameters(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("lambdaW"), p.Real("lambdaH"), p.Real("flowTimeStep"),
            p.Int("flowSteps"), p.Real("flowInitScale"), p.Int("gdSteps"), p.Real("gdInitScale"), p.Real("lr"), p.Real("closeness"), p.Real("tolerance"),
            p.Real("slack"), p.Text("rate") == "4-lambda" ? 4 : 2, p.Text("ridge") == "per-class-count");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    /// <summary>The check on typed parameters: the central-path flow's monotonicity and the joint GD run's distance to the central path.</summary>
    public ClaimEvidence Evaluate(MseCentralPathParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = p.Classes, d = p.Dim, n = p.PerClass, total = k * n;
        var ridge = (p.PerClassRidge ? n : total) * p.LambdaW;
        var violations = new List<string>();

        // (a) The central-path flow.
        var flow = CentralPathFlow.Run(new CentralPathConfig(k, d, n, p.LambdaW, p.LambdaH, p.FlowTimeStep, p.FlowSteps, p.FlowInitScale, seed, ridge));
        var lambdaTb = total * p.LambdaH;
        var steps = flow.TraceSigmaW.Count;
        var ratio = new double[steps];
        var scaledW = new double[steps];
        var scaledB = new double[steps];
        var time = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            time[t] = flow.Time(t);
            var e = Math.Exp(p.RateFactor * lambdaTb * time[t]);
            ratio[t] = flow.TraceRatio(t);
            scaledW[t] = e * flow.TraceSigmaW[t];
            scaledB[t] = e * flow.TraceSigmaB[t];
        }
        var (riseRatio, firstRatio) = Rises(ratio, p.Slack, up: false);
        var (riseW, firstW) = Rises(scaledW, p.Slack, up: false);
        var (riseB, firstB) = Rises(scaledB, p.Slack, up: true);
        void Flag(string what, int count, int first, double[] v, bool up)
        {
            if (count > 0)
                violations.Add($"central-path flow: {what} {(up ? "decreased" : "increased")} at {count} of {steps - 1} steps; first at t = {Num6(time[first])}: "
                    + $"{Num6(v[first - 1])} → {Num6(v[first])}");
        }
        Flag("NC1~ = TrΣ_W/TrΣ_B", riseRatio, firstRatio, ratio, false);
        Flag($"e^{{{Num(p.RateFactor)}λt}}·TrΣ_W", riseW, firstW, scaledW, false);
        Flag($"e^{{{Num(p.RateFactor)}λt}}·TrΣ_B", riseB, firstB, scaledB, true);

        // (b) Joint GD and its distance to the central path, at log-spaced steps.
        var config = new UfmConfig
        {
            Mode = UfmMode.Joint,
            Loss = UfmLoss.Mse,
            Classes = k,
            Dim = d,
            PerClass = n,
            LambdaW = p.LambdaW,
            LambdaH = p.LambdaH,
            Steps = p.GdSteps,
            InitScale = p.GdInitScale,
            LearningRate = p.LearningRate,
            Seed = seed,
            Svm = SvmPolicy.Never,
        };
        var gdSteps = LogSchedule.Steps(p.GdSteps, 10);
        var distance = new double[gdSteps.Length];
        var gdRatio = new double[gdSteps.Length];
        double[] w = new double[k * d], h = new double[total * d], wStar = new double[k * d];
        var work = new double[d * d + d];
        using (var stepper = new UfmStepper(config))
        {
            for (var i = 0; i < gdSteps.Length; i++)
            {
                stepper.Advance(gdSteps[i] - stepper.Steps);
                stepper.Read(w, h, null);
                RidgeClassifier.SolveInto(h, stepper.Data.Labels, k, d, ridge, wStar, work);
                double num = 0, den = 0;
                for (var j = 0; j < w.Length; j++)
                {
                    num += (w[j] - wStar[j]) * (w[j] - wStar[j]);
                    den += wStar[j] * wStar[j];
                }
                distance[i] = Math.Sqrt(num / den);
                gdRatio[i] = TraceRatio(h, stepper.Data.Labels, k, d);
            }
        }
        var entry = Array.FindIndex(distance, x => x <= p.Closeness);
        var leaves = entry < 0 ? [] : Enumerable.Range(entry, distance.Length - entry).Where(i => !(distance[i] <= p.Closeness)).ToArray();
        if (entry < 0) violations.Add($"GD never came within closeness {Num(p.Closeness)} of W*(H) (final distance {distance[^1]:E3})");
        else if (leaves.Length > 0) violations.Add($"GD left the central path after entering it at t = {gdSteps[entry]}: distance {distance[leaves[0]]:E3} at t = "
            + $"{gdSteps[leaves[0]]} > closeness {Num(p.Closeness)}");
        if (!(distance[^1] <= p.Tolerance)) violations.Add($"final distance ‖W − W*(H)‖/‖W*(H)‖ = {distance[^1]:E3} at t = {gdSteps[^1]} exceeds tolerance {Num(p.Tolerance)}");

        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var entryText = entry < 0 ? "never within closeness" : $"within {Num(p.Closeness)} from t = {gdSteps[entry]} (NC1~ then {gdRatio[entry]:G4}, "
            + $"{gdRatio[entry] / gdRatio[0]:P0} of its start {gdRatio[0]:G4})";
        var detail = $"(a) flow over t ∈ [0, {Num(time[^1])}]: NC1~ {ratio[0]:G5} → {ratio[^1]:G5} ({riseRatio} increases), "
                     + $"e^{{{Num(p.RateFactor)}λt}}TrΣ_W {scaledW[0]:G5} → {scaledW[^1]:G5} "
                     + $"({riseW} increases), e^{{{Num(p.RateFactor)}λt}}TrΣ_B {scaledB[0]:G5} → {scaledB[^1]:G5} ({riseB} decreases), λ^TB_H = Nλ_H = {Num(lambdaTb)}; "
                     + $"(b) GD distance to the central path {distance[0]:E2} (t=0) → {distance[^1]:E2} (t={gdSteps[^1]}), {entryText}; NC1~ of GD {gdRatio[0]:G4} → {gdRatio[^1]:G4}"
                     + (p.PerClassRidge ? " [false variant: ridge nλ_W]" : "") + ".";
        var result = new ClaimResult(Info.Id, parameters, distance[^1], 0, p.Tolerance, verdict, seed, detail);
        var flowPlot = new PlotSpec("Central-path flow: within-class variability", "flow time t", "value", false, true, TrajectoryPlots.NonEmpty(
        [
            Series("NC1~ = TrΣ_W/TrΣ_B", time, ratio, false, true),
            Series($"e^{{{Num(p.RateFactor)}λt}}·TrΣ_W", time, scaledW, false, true),
            Series($"e^{{{Num(p.RateFactor)}λt}}·TrΣ_B", time, scaledB, false, true),
        ]))
        {
            Caption = "Tirer, Huang, Niles-Weed (2023) Thm 3.1: along the flow NC1~ decreases, e^{2λt}TrΣ_W decreases and e^{2λt}TrΣ_B increases (λ = λ_H^TB); "
                      + "TrΣ_W levels off where only its component outside W*'s row space is left, which decays at exactly e^{−2λt}.",
        };
        var xs = gdSteps.Select(s => (double)s).ToArray();
        var gdPlot = new PlotSpec("Joint GD: distance to the central path", TrajectoryPlots.StepLabel, "value", true, true, TrajectoryPlots.NonEmpty(
        [
            Series("‖W − W*(H)‖/‖W*(H)‖", xs, distance, true, true),
            Series("NC1~ of H", xs, gdRatio, true, true),
            Level($"closeness {Num(p.Closeness)}", p.Closeness, 1, xs[^1]),
            Level($"tolerance {Num(p.Tolerance)}", p.Tolerance, 1, xs[^1]),
        ]))
        {
            Caption = "After a short transient W tracks the ridge classifier of the current features (Han et al. 2022's central path) while the features are still collapsing.",
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([flowPlot, gdPlot]),
            FalsifyingInstance = verdict == Verdict.Fails
                ? $"central-path flow: K {k}, d {d}, n {n}, λ_W {Num(p.LambdaW)}, λ_H {Num(p.LambdaH)}, δt {Num(p.FlowTimeStep)}, {p.FlowSteps} steps, H₀ scale "
                    + $"{Num(p.FlowInitScale)}, seed {seed}, ridge {Num(ridge)}\n"
                  + TrajectoryPlots.Falsifying([], violations)
                : null,
        };
    }

    /// <summary>Number of steps where v rises (or falls, with <paramref name="up"/>) by more than the relative slack, and the first such index.</summary>
    private static (int Count, int First) Rises(double[] v, double slack, bool up)
    {
        var count = 0;
        var first = -1;
        for (var t = 1; t < v.Length; t++)
        {
            var bad = up ? v[t] < v[t - 1] * (1 - slack) : v[t] > v[t - 1] * (1 + slack);
            if (!bad) continue;
            count++;
            if (first < 0) first = t;
        }
        return (count, first);
    }

    private static double TraceRatio(double[] h, IReadOnlyList<int> labels, int k, int d)
    {
        var means = ClassMeans(h, labels, k, d);
        double sw = 0;
        for (var i = 0; i < labels.Count; i++)
            for (var j = 0; j < d; j++) sw += Math.Pow(h[i * d + j] - means[labels[i], j], 2);
        var g = means.ColumnSums() / k;
        double sb = 0;
        for (var c = 0; c < k; c++) sb += (means.Row(c) - g).DotProduct(means.Row(c) - g);
        return sw / labels.Count / (sb / k);
    }
}
