using Collapse.Theory.Claims;
using Collapse.Theory.LayerPeeled;
using Collapse.Theory.Metrics;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="LayerPeeledBalancedEtfClaim"/>.</summary>
/// <param name="Cases">Random balanced instances (K, E_H, E_W) solved and certified.</param>
/// <param name="MaxClasses">Largest K drawn (K ∈ [2, maxClasses]).</param>
/// <param name="GapTolerance">Largest certified optimality gap accepted (a larger one makes the case inconclusive).</param>
/// <param name="Tolerance">Largest allowed relative error of the certified optimal value vs the closed form (second order in the distance to the optimum).</param>
/// <param name="GeometryTolerance">Largest allowed error of the geometry (etfGramError, ‖w_k‖²/E_W − 1, ‖H̄ − √(E_H/E_W)W‖/‖H̄‖; first order in the distance).</param>
/// <param name="UfmClasses">K of the regularised UFM run compared with the program.</param>
/// <param name="UfmDim">d of that run.</param>
/// <param name="UfmPerClass">n of that run.</param>
/// <param name="UfmLambda">λ_W = λ_H of that run.</param>
/// <param name="UfmSteps">Steps of that run.</param>
/// <param name="MarginDenominator">Null: K−1 in the closed-form exponent (statement); else the false constant used instead (K).</param>
public sealed record LayerPeeledBalancedEtfParameters(int Cases, int MaxClasses, double GapTolerance, double Tolerance, double GeometryTolerance, int UfmClasses, int UfmDim,
    int UfmPerClass, double UfmLambda, long UfmSteps, bool MarginDenominator);

/// <summary>
/// The Layer-Peeled Model with balanced classes (Fang, He, Long, Su 2021): solved as its convex program
/// (<see cref="LayerPeeledSolver"/>, certified by <see cref="LayerPeeledCertificate"/>) its optimum is a simplex ETF with
/// ‖w_k‖² = E_W, h̄_k = √(E_H/E_W) w_k and value log(1 + (K−1)e^{−K√(E_HE_W)/(K−1)}); a converged regularised UFM is
/// a certified optimum of the program at its own norms.
/// </summary>
public sealed class LayerPeeledBalancedEtfClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("layer-peeled-balanced-etf", ClaimKind.Identity)
    {
        Title = "Layer-Peeled Model, balanced classes: the certified optimum is the simplex ETF with the closed-form value, and the regularised UFM attains it",
        Statement =
            "LPM: min (1/N)Σ CE(W h_{k,i}, k) s.t. (1/K)Σ_k ‖w_k‖² ≤ E_W, (1/K)Σ_k (1/n_k)Σ_i ‖h_{k,i}‖² ≤ E_H, balanced, solved in p = 2K dimensions (= its SDP) and "
            + "certified by the SDP dual (gap ≤ gapTolerance). For random K ∈ [2, maxClasses], E_W ∈ [0.1, 10], √(E_HE_W) ∈ [0.3, 3] (log-uniform): the value equals "
            + "log(1 + (K−1)exp(−K√(E_HE_W)/(K−1))) (relative error ≤ tolerance), and etfGramError(W) = 0, ‖w_k‖² = E_W, h̄_k = √(E_H/E_W) w_k (errors ≤ geometryTolerance). A "
                + "regularised CE UFM run (balanced, λ_W = λ_H) is certified "
            + "optimal for the LPM with its own E_W = ‖W‖²/K, E_H = ‖H‖²/N, with its data loss equal to the closed-form value. [reconstructed] The per-sample form of the "
            + "feature constraint follows the authors' SDP code; the closed-form value is derived.",
        Source = "Fang, He, Long, Su 2021, PNAS 118(43) e2103091118, \"Exploring deep neural networks via layer-peeled model: minority collapse in imbalanced training\" (arXiv "
            + "2101.12699), balanced case",
        References = ["fang2021"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 8, "largest K drawn (K ∈ [2, maxClasses])", min: 2, max: 50),
            ClaimParameter.Real("gapTolerance", 3e-8, "largest certified optimality gap accepted (a larger one skips the case; measured ≤ 7.6e-9)", min: 0, max: 1),
            ClaimParameter.Real("tolerance", 1e-9, "largest relative error of the certified value vs the closed form (measured ≤ 3.0e-11)", min: 0),
            ClaimParameter.Real("geometryTolerance", 2e-5, "largest geometry error: etfGramError, ‖w_k‖²/E_W − 1, ‖H̄ − √(E_H/E_W)W‖/‖H̄‖ (measured ≤ 4.3e-6)", min: 0),
            ClaimParameter.Int("ufmClasses", 4, "K of the regularised UFM run compared with the program", min: 2, max: 1000),
            ClaimParameter.Int("ufmDim", 8, "d of that run", min: 1, max: 10000),
            ClaimParameter.Int("ufmPerClass", 5, "n of that run", min: 1, max: 10000),
            ClaimParameter.Real("ufmLambda", 0.005, "λ_W = λ_H of that run", min: 1e-12, max: 10),
            ClaimParameter.Int("ufmSteps", 20000, "steps of that run", min: 1, max: 100000000),
            ClaimParameter.Text("marginDenominator", "k-minus-1", "k-minus-1 = exponent K√(E_HE_W)/(K−1) (the statement); k divides by K (falsifier)", "k-minus-1", "k"),
        ],
        Falsifiers =
        [
            Falsifier.Of("exponent-k-over-k", "the closed-form value with exponent K√(E_HE_W)/K instead of K√(E_HE_W)/(K−1)", ("marginDenominator", "k")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static LayerPeeledBalancedEtfParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new LayerPeeledBalancedEtfParameters(context.Cases, p.Int("maxClasses"), p.Real("gapTolerance"), p.Real("tolerance"), p.Real("geometryTolerance"),
            p.Int("ufmClasses"), p.Int("ufmDim"), p.Int("ufmPerClass"), p.Real("ufmLambda"), p.Int("ufmSteps"), p.Text("marginDenominator") == "k");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    /// <summary>The check on typed parameters: random certified instances plus one UFM run.</summary>
    public ClaimEvidence Evaluate(LayerPeeledBalancedEtfParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        var violations = new List<string>();
        var gaps = new List<double>();
        var errors = new List<double>();
        var geometry = new List<double>();
        var closedForm = new List<double>();
        var values = new List<double>();
        var uncertified = 0;
        var worst = 0.0;
        var worstText = "";
        for (var c = 0; c < p.Cases; c++)
        {
            var caseSeed = unchecked(seed * 1_000_003 + c);
            var rng = new Random(caseSeed);
            var k = 2 + rng.Next(p.MaxClasses - 1);
            var ew = Math.Exp(Math.Log(0.1) + rng.NextDouble() * Math.Log(100));
            var scale = Math.Exp(Math.Log(0.3) + rng.NextDouble() * Math.Log(10)); // √(E_H E_W): margins from small to large
            var eh = scale * scale / ew;
            var program = LayerPeeledProgram.Fang(Enumerable.Repeat(1 + rng.Next(5), k).ToArray(), eh, ew);
            var sol = LayerPeeledSolver.Solve(program, caseSeed);
            gaps.Add(sol.Certificate.Gap);
            if (!sol.Certificate.Certifies(p.GapTolerance)) { uncertified++; continue; }
            var expected = LayerPeeledProgram.BalancedValue(k, eh, ew, p.MarginDenominator ? k : null);
            var ev = Math.Abs(sol.Value - expected) / expected;
            var eg = EtfGramError.OfRows(sol.Classifier);
            var norms = Enumerable.Range(0, k).Max(r => Math.Abs(sol.Classifier.Row(r).DotProduct(sol.Classifier.Row(r)) / ew - 1));
            var dual = (sol.Means - Math.Sqrt(eh / ew) * sol.Classifier).FrobeniusNorm() / sol.Means.FrobeniusNorm();
            var eGeo = Math.Max(eg, Math.Max(norms, dual));
            var e = Math.Max(ev / p.Tolerance, eGeo / p.GeometryTolerance); // in units of the tolerances
            errors.Add(ev);
            geometry.Add(eGeo);
            closedForm.Add(expected);
            values.Add(sol.Value);
            var text = $"case {c} (seed {caseSeed}) K={k} E_H={Num(eh)} E_W={Num(ew)}: value {sol.Value:F12} vs closed form {expected:F12} ({ev:E1}), etfGramError {eg:E1}, "
                       + $"‖w_k‖²/E_W − 1 {norms:E1}, ‖H̄ − √(E_H/E_W)W‖/‖H̄‖ {dual:E1}, certified gap {sol.Certificate.Gap:E1}";
            if (e > worst || worstText.Length == 0) { worst = e; worstText = text; }
            if (!(ev <= p.Tolerance) || !(eGeo <= p.GeometryTolerance)) violations.Add(text + $"; allowed {Num(p.Tolerance)} (value), {Num(p.GeometryTolerance)} (geometry)");
        }

        // The regularised UFM at its own budgets.
        var run = UfmSimulator.Run(new UfmConfig
        {
            Mode = UfmMode.Joint,
            Classes = p.UfmClasses,
            Dim = p.UfmDim,
            PerClass = p.UfmPerClass,
            LambdaW = p.UfmLambda,
            LambdaH = p.UfmLambda,
            Steps = p.UfmSteps,
            Seed = seed,
            Svm = SvmPolicy.Never,
            LogPointsPerDecade = 10,
        });
        int uk = run.Classes, ud = run.Dim;
        var w = Matrix(run.W, uk, ud);
        var means = ClassMeans(run.H, run.Labels, uk, ud);
        var ufmEw = Math.Pow(w.FrobeniusNorm(), 2) / uk;
        var ufmEh = Math.Pow(Matrix(run.H, run.Labels.Length, ud).FrobeniusNorm(), 2) / run.Labels.Length;
        var ufmProgram = LayerPeeledProgram.Fang(Enumerable.Repeat(p.UfmPerClass, uk).ToArray(), ufmEh, ufmEw);
        var ufmCert = LayerPeeledCertificate.Of(ufmProgram, means, w);
        var ufmExpected = LayerPeeledProgram.BalancedValue(uk, ufmEh, ufmEw, p.MarginDenominator ? uk : null);
        var ufmError = Math.Abs(run.Final.Loss - ufmExpected) / ufmExpected;
        var ufmText = $"UFM (K={uk}, d={ud}, n={p.UfmPerClass}, λ={Num(p.UfmLambda)}, {p.UfmSteps} steps) at E_W = {ufmEw:F6}, E_H = {ufmEh:F6}: data loss {run.Final.Loss:F12} vs closed form "
                      + $"{ufmExpected:F12} ({ufmError:E1}), certified gap of the UFM point {ufmCert.Gap:E1}, nc1 {run.Final.Nc1:E1}";
        if (!(ufmError <= p.Tolerance)) violations.Add(ufmText + $"; allowed {Num(p.Tolerance)}");
        if (!ufmCert.Certifies(p.GapTolerance)) violations.Add(ufmText + $": the UFM point is not certified optimal for the LPM at its own budgets (gap > {Num(p.GapTolerance)})");
        var measured = Math.Max(errors.DefaultIfEmpty(0).Max(), ufmError);

        Verdict verdict;
        string detail;
        if (errors.Count == 0)
        {
            verdict = Verdict.Inconclusive;
            detail = $"no instance could be certified (gaps {string.Join(", ", gaps.Select(g => g.ToString("E1", System.Globalization.CultureInfo.InvariantCulture)))} > "
                + $"{Num(p.GapTolerance)}); {ufmText}.";
        }
        else
        {
            verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
            detail = $"{errors.Count} certified instances: largest value error {errors.Max():E1}, largest geometry error {geometry.Max():E1} (largest gap "
                + $"{gaps.Where(g => g <= p.GapTolerance).DefaultIfEmpty(double.NaN).Max():E1}{(uncertified > 0 ? $", {uncertified} uncertified skipped" : "")}); "
                     + $"worst {worstText}; {ufmText}" + (p.MarginDenominator ? " [false variant: exponent with K instead of K−1]" : "") + ".";
        }
        var result = new ClaimResult(Info.Id, parameters, measured, 0, p.Tolerance, verdict, seed, detail)
        {
            Cases = new CaseStatistics(errors.Count, uncertified, null, double.NaN, double.NaN),
        };
        var plot = new PlotSpec("Certified LPM optimum vs the closed-form value", "closed-form value log(1 + (K−1)e^{−K√(E_HE_W)/(K−1)})", "certified optimum",
            true, true, TrajectoryPlots.NonEmpty(
            [
                Series("instances", closedForm, values, true, true, SeriesStyle.Points),
                closedForm.Count > 0 ? new PlotSeries("y = "
                    + "x", [closedForm.Min(), closedForm.Max()], [closedForm.Min(), closedForm.Max()]) { Style = SeriesStyle.Dashed } : new PlotSeries("y = x", [], []),
            ]))
        {
            Caption = "Every random balanced instance, solved and certified by the SDP dual, lies on the diagonal: the optimum is the ETF value.",
        };
        var errPlot = new PlotSpec("Relative error and certified gap per instance", "instance", "value", false, true, TrajectoryPlots.NonEmpty(
        [
            Series("relative error of the value", Enumerable.Range(0, errors.Count).Select(i => (double)i).ToArray(), errors, false, true, SeriesStyle.Points),
            Series("geometry error (ETF, norms, h = cw)", Enumerable.Range(0, geometry.Count).Select(i => (double)i).ToArray(), geometry, false, true, SeriesStyle.Points),
            Series("certified gap", Enumerable.Range(0, gaps.Count).Select(i => (double)i).ToArray(), gaps, false, true, SeriesStyle.Points),
            Level($"value tolerance {Num(p.Tolerance)}", p.Tolerance, 0, Math.Max(1, p.Cases - 1)),
            Level($"geometry tolerance {Num(p.GeometryTolerance)}", p.GeometryTolerance, 0, Math.Max(1, p.Cases - 1)),
        ]))
        {
            Caption = "Geometry errors are first order in the distance to the optimum (the value is second order), hence their larger but still small size.",
        };
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([plot, errPlot]),
            FalsifyingInstance = verdict == Verdict.Fails ? string.Join("\n", violations) : null,
        };
    }
}
