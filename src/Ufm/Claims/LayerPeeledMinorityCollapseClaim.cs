using Collapse.Theory.Claims;
using Collapse.Theory.LayerPeeled;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using MathNet.Numerics.LinearAlgebra;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="LayerPeeledMinorityCollapseClaim"/>.</summary>
/// <param name="MajorityClasses">K_A.</param>
/// <param name="MinorityClasses">K_B ≥ 2.</param>
/// <param name="Ratios">Imbalance ratios R = n_A/n_B (n_B = 1), increasing.</param>
/// <param name="FeatureBudget">E_H of Fang et al.'s constraint.</param>
/// <param name="ClassifierBudget">E_W.</param>
/// <param name="GapTolerance">Largest certified optimality gap accepted.</param>
/// <param name="Tolerance">Largest allowed 1 − cos(w_k, w_l) of the minority classifiers at the largest R (collapse), and the slack of the other checks.</param>
/// <param name="UniformLossWeights">False variant: drop the class sizes from the loss (a_k = 1/K), i.e. solve the balanced program.</param>
/// <param name="UfmRatio">R of the regularised UFM run compared with the program.</param>
/// <param name="UfmDim">d of that run.</param>
/// <param name="UfmLambda">λ_W = λ_H of that run.</param>
/// <param name="UfmSteps">Steps of that run.</param>
/// <param name="PerClassBudget">False variant: certify the UFM point against Fang's per-class feature budget instead of the per-sample one it solves.</param>
public sealed record LayerPeeledMinorityCollapseParameters(int MajorityClasses, int MinorityClasses, IReadOnlyList<double> Ratios, double FeatureBudget,
    double ClassifierBudget, double GapTolerance, double Tolerance, bool UniformLossWeights, double UfmRatio, int UfmDim, double UfmLambda, long UfmSteps,
    bool PerClassBudget);

/// <summary>
/// Minority collapse in the Layer-Peeled Model (Fang, He, Long, Su 2021): solved and certified as a convex program over
/// imbalance ratios R, the minority classifiers start as ETF vertices (R = 1) and become identical beyond a finite ratio;
/// a converged regularised UFM is a certified optimum of the program with per-sample feature budget at its own norms.
/// </summary>
public sealed class LayerPeeledMinorityCollapseClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("layer-peeled-minority-collapse", ClaimKind.Asymptotic)
    {
        Title = "Layer-Peeled Model under imbalance: the certified optimum's minority classifiers collapse beyond a finite ratio, as in the UFM",
        Statement =
            "LPM with K_A majority classes (n_A = R) and K_B minority classes (n_B = 1), loss weights n_k/N, (1/K)Σ‖w_k‖² ≤ E_W, (1/K)Σ_k‖h̄_k‖² ≤ E_H, solved in p = 2K "
            + "dimensions and certified (gap ≤ gapTolerance) at every R: the mean minority cosine is −1/(K−1) at R = 1 (when R = 1 is checked), non-decreasing in R "
            + "and ≥ 1 − tolerance at the largest R (the minority classifiers coincide: minority collapse at a finite ratio, which is reported). A regularised CE UFM "
            + "run at ufmRatio is certified optimal for the LPM with per-sample budget (1/N)Σ‖h_i‖² ≤ E_H at its own norms, and the program's solution reproduces its "
            + "data loss and minority cosine. [reconstructed] Fang et al. prove the collapse for R → ∞ only.",
        Source = "Fang, He, Long, Su 2021, PNAS 118(43) e2103091118 (arXiv 2101.12699), minority collapse (theorem: R → ∞; a finite threshold is observed there numerically)",
        References = ["fang2021"],
        Parameters =
        [
            ClaimParameter.Int("majorityClasses", 2, "K_A, classes with n_A = R samples", min: 1, max: 50),
            ClaimParameter.Int("minorityClasses", 2, "K_B, classes with n_B = 1 sample", min: 2, max: 50),
            ClaimParameter.RealList("ratios", "1,2,5,10,20,50,100,1000", "imbalance ratios R = n_A/n_B, strictly increasing", min: 1, max: 1e7),
            ClaimParameter.Real("featureBudget", 5, "E_H of Fang et al.'s constraint (1/K)Σ‖h̄_k‖² ≤ E_H", min: 1e-6, max: 1e6),
            ClaimParameter.Real("classifierBudget", 1, "E_W of (1/K)Σ‖w_k‖² ≤ E_W", min: 1e-6, max: 1e6),
            ClaimParameter.Real("gapTolerance", 3e-8, "largest certified optimality gap accepted (else inconclusive; measured ≤ 2.1e-9)", min: 0, max: 1),
            ClaimParameter.Real("tolerance", 1e-6, "largest 1 − cos at the largest R, slack of the other checks, and largest UFM–program difference (measured ≤ 8e-8)", min: 0, max: 2),
            ClaimParameter.Text("lossWeights", "class-size", "class-size = loss weights n_k/N (the statement); uniform drops the class sizes (falsifier)", "class-size", "uniform"),
            ClaimParameter.Real("ufmRatio", 10, "R of the regularised UFM run compared with the program", min: 1, max: 1e4),
            ClaimParameter.Int("ufmDim", 6, "d of that run", min: 1, max: 10000),
            ClaimParameter.Real("ufmLambda", 0.005, "λ_W = λ_H of that run", min: 1e-12, max: 10),
            ClaimParameter.Int("ufmSteps", 20000, "steps of that run", min: 1, max: 100000000),
            ClaimParameter.Text("ufmBudget", "per-sample", "per-sample = the UFM's budget (1/N)Σ‖h_i‖² (the statement); per-class = Fang et al.'s budget (falsifier)", "per-sample", "per-class"),
        ],
        Falsifiers =
        [
            Falsifier.Of("class-sizes-dropped", "the class sizes dropped from the loss (uniform weights: the balanced program)", ("lossWeights", "uniform")),
            Falsifier.Of("per-class-budget", "the UFM point certified against Fang's per-class feature budget instead of the per-sample budget a weight-decayed UFM "
                + "solves", ("ufmBudget", "per-class")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static LayerPeeledMinorityCollapseParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new LayerPeeledMinorityCollapseParameters(p.Int("majorityClasses"), p.Int("minorityClasses"), p.RealList("ratios"), p.Real("featureBudget"),
            p.Real("classifierBudget"), p.Real("gapTolerance"), p.Real("tolerance"), p.Text("lossWeights") == "uniform", p.Real("ufmRatio"), p.Int("ufmDim"),
            p.Real("ufmLambda"), p.Int("ufmSteps"), p.Text("ufmBudget") == "per-class");
    }

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p)
    {
        var v = p.RealList("ratios");
        p.Require(v.Count >= 2, "ratios", "at least 2 values");
        for (var i = 1; i < v.Count; i++) p.Require(v[i] > v[i - 1], "ratios", "strictly increasing values");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    private static LayerPeeledProgram Program(LayerPeeledMinorityCollapseParameters p, double ratio)
    {
        var k = p.MajorityClasses + p.MinorityClasses;
        var counts = Enumerable.Range(0, k).Select(c => c < p.MajorityClasses ? ratio : 1.0).ToArray();
        var n = counts.Sum();
        var a = p.UniformLossWeights ? Enumerable.Repeat(1.0 / k, k).ToArray() : counts.Select(c => c / n).ToArray();
        var program = new LayerPeeledProgram(a, Enumerable.Repeat(1.0 / k, k).ToArray(), p.FeatureBudget, p.ClassifierBudget);
        program.Validate();
        return program;
    }

    /// <summary>The check on typed parameters: certified solves over the ratios, the threshold, and the UFM comparison.</summary>
    public ClaimEvidence Evaluate(LayerPeeledMinorityCollapseParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        int ka = p.MajorityClasses, kb = p.MinorityClasses, k = ka + kb;
        var violations = new List<string>();
        var cos = new double[p.Ratios.Count];
        var gaps = new double[p.Ratios.Count];
        var values = new double[p.Ratios.Count];
        for (var i = 0; i < p.Ratios.Count; i++)
        {
            var sol = LayerPeeledSolver.Solve(Program(p, p.Ratios[i]), seed + i);
            gaps[i] = sol.Certificate.Gap;
            values[i] = sol.Value;
            cos[i] = MeanPairwiseCosine(sol.Classifier, ka, kb);
        }
        var uncertified = Enumerable.Range(0, gaps.Length).Where(i => !(gaps[i] <= p.GapTolerance)).ToArray();
        if (uncertified.Length > 0)
            return new ClaimEvidence(Inconclusive(parameters, seed, $"the program could not be certified at R = {string.Join(", ", uncertified.Select(i => Num(p.Ratios[i])))} "
                + $"(gaps {string.Join(", ", uncertified.Select(i => gaps[i].ToString("E1", System.Globalization.CultureInfo.InvariantCulture)))} > {Num(p.GapTolerance)})"));
        var etfCos = -1.0 / (k - 1);
        if (p.Ratios[0] == 1 && !(Math.Abs(cos[0] - etfCos) <= p.Tolerance))
            violations.Add($"at R = 1 the minority cosine is {cos[0]:F9}, not the ETF value −1/(K−1) = {etfCos:F9}");
        for (var i = 1; i < cos.Length; i++)
            if (cos[i] < cos[i - 1] - p.Tolerance)
                violations.Add($"minority cosine fell from {cos[i - 1]:F9} (R = {Num(p.Ratios[i - 1])}) to {cos[i]:F9} (R = {Num(p.Ratios[i])})");
        var collapsedAt = Array.FindIndex(cos, c => c >= 1 - p.Tolerance);
        if (!(cos[^1] >= 1 - p.Tolerance))
            violations.Add($"no minority collapse: at the largest R = {Num(p.Ratios[^1])} the minority cosine is {cos[^1]:F9} < 1 − {Num(p.Tolerance)}");
        // The threshold, by bisection on log R between the last grid ratio before the collapse and the first one at it.
        var threshold = double.NaN;
        if (collapsedAt > 0)
        {
            double lo = Math.Log(p.Ratios[collapsedAt - 1]), hi = Math.Log(p.Ratios[collapsedAt]);
            for (var it = 0; it < 8; it++)
            {
                var mid = 0.5 * (lo + hi);
                var sol = LayerPeeledSolver.Solve(Program(p, Math.Exp(mid)), seed + 100 + it);
                if (MeanPairwiseCosine(sol.Classifier, ka, kb) >= 1 - p.Tolerance) hi = mid; else lo = mid;
            }
            threshold = Math.Exp(hi);
        }

        // The regularised UFM at its own norms.
        var run = UfmSimulator.Run(new UfmConfig
        {
            Mode = UfmMode.Joint,
            Classes = k,
            Dim = p.UfmDim,
            PerClass = (int)Math.Round(p.UfmRatio),
            Imbalance = p.UfmRatio,
            LambdaW = p.UfmLambda,
            LambdaH = p.UfmLambda,
            Steps = p.UfmSteps,
            Seed = seed,
            Svm = SvmPolicy.Never,
            LogPointsPerDecade = 10,
        });
        var counts = Enumerable.Range(0, k).Select(c => run.Labels.Count(y => y == c)).ToArray();
        var ufmMajority = (k + 1) / 2;
        var w = Matrix(run.W, k, run.Dim);
        var means = ClassMeans(run.H, run.Labels, k, run.Dim);
        var ew = Math.Pow(w.FrobeniusNorm(), 2) / k;
        var eh = Math.Pow(Matrix(run.H, run.Labels.Length, run.Dim).FrobeniusNorm(), 2) / run.Labels.Length;
        var ufmProgram = p.PerClassBudget
            ? LayerPeeledProgram.Fang(counts, Enumerable.Range(0, k).Sum(c => means.Row(c).DotProduct(means.Row(c))) / k, ew)
            : LayerPeeledProgram.SampleWeighted(counts, eh, ew);
        var ufmCert = LayerPeeledCertificate.Of(ufmProgram, means, w);
        var ufmSol = LayerPeeledSolver.Solve(ufmProgram, seed + 1000);
        var ufmCos = MeanPairwiseCosine(w, ufmMajority, k - ufmMajority);
        var solCos = MeanPairwiseCosine(ufmSol.Classifier, ufmMajority, k - ufmMajority);
        var lossError = Math.Abs(run.Final.Loss - ufmSol.Value) / ufmSol.Value;
        var ufmText = $"UFM (class sizes {string.Join(", ", counts)}, d = {run.Dim}, λ = {Num(p.UfmLambda)}, {p.UfmSteps} steps, nc1 {run.Final.Nc1:E1}): certified gap of the UFM point "
                      + $"for the {(p.PerClassBudget ? "per-class [false variant]" : "per-sample")} budget program {ufmCert.Gap:E1}; data loss {run.Final.Loss:F10} vs program {ufmSol.Value:F10} "
                      + $"({lossError:E1}); minority cosine {ufmCos:F8} vs program {solCos:F8}";
        if (!ufmCert.Certifies(p.GapTolerance)) violations.Add(ufmText + $": the UFM point is not certified optimal (gap > {Num(p.GapTolerance)})");
        if (!(lossError <= p.Tolerance) || !(Math.Abs(ufmCos - solCos) <= p.Tolerance)) violations.Add(ufmText + $": the program does not reproduce the UFM run (allowed {Num(p.Tolerance)})");

        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var curve = string.Join(", ", p.Ratios.Select((r, i) => $"R={Num(r)}: {cos[i]:F6}"));
        var detail = $"K_A = {ka}, K_B = {kb}, E_H = {Num(p.FeatureBudget)}, E_W = {Num(p.ClassifierBudget)}: minority cosine {curve} (largest gap {gaps.Max():E1}); "
                     + (double.IsNaN(threshold) ? "no collapse threshold inside the grid" : $"collapse (cos ≥ 1 − {Num(p.Tolerance)}) from R ≈ {threshold:F2}")
                     + $"; {ufmText}" + (p.UniformLossWeights ? " [false variant: uniform loss weights]" : "") + ".";
        var result = new ClaimResult(Info.Id, parameters, 1 - cos[^1], 0, p.Tolerance, verdict, seed, detail);
        var plot = new PlotSpec("Layer-Peeled Model: minority classifier cosine vs imbalance ratio", "imbalance ratio R = n_A/n_B", "mean pairwise cos(w_k, w_l), minority k, l",
            true, false, TrajectoryPlots.NonEmpty(
            [
                Series("certified LPM optimum", p.Ratios, cos, true, false),
                Level("collapse: cos = 1", 1, p.Ratios[0], p.Ratios[^1]),
                Level($"ETF: −1/(K−1) = {Num(etfCos)}", etfCos, p.Ratios[0], p.Ratios[^1]),
                Series($"UFM run (λ = {Num(p.UfmLambda)}, R = {Num(p.UfmRatio)})", [p.UfmRatio], [ufmCos], true, false, SeriesStyle.Points),
            ]))
        {
            Caption = double.IsNaN(threshold)
                ? "Fang et al.'s minority collapse: the minority classifiers' angle closes as R grows."
                : $"Fang et al.'s minority collapse: the angle closes as R grows and vanishes from R ≈ {threshold:F2} on (bisection); every point is certified by the SDP dual.",
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([plot]),
            FalsifyingInstance = verdict == Verdict.Fails ? string.Join("\n", violations) : null,
        };
    }
}
