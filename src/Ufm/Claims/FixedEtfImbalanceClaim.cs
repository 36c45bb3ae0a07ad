using Collapse.Theory.Claims;
using Collapse.Theory.Geometry;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="FixedEtfImbalanceClaim"/>.</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d (≥ K−1).</param>
/// <param name="PerClass">n of the majority classes.</param>
/// <param name="Imbalance">R ≥ 1.</param>
/// <param name="Losses">Losses to run (cross-entropy and/or the squared loss).</param>
/// <param name="LambdaH">Feature weight decay λ_H &gt; 0.</param>
/// <param name="Steps">GD steps per run.</param>
/// <param name="EtfSeed">Seed of the fixed ETF's random rotation and label permutation (--etf-seed).</param>
/// <param name="Tolerance">Largest allowed max_i ‖h_i − s* m_{y_i}‖/s*, nc1 and etfGramError of the class means.</param>
/// <param name="ClassCountScale">False variant: solve for the scale with the class's own n_{y} in place of N (a per-class-averaged loss).</param>
/// <param name="UnitMargin">False variant: margin factor 1 instead of K/(K−1) (the logits of h = s m_y taken as s and 0).</param>
public sealed record FixedEtfImbalanceParameters(int Classes, int Dim, int PerClass, double Imbalance, IReadOnlyList<UfmLoss> Losses, double LambdaH,
    long Steps, int EtfSeed, double Tolerance, bool ClassCountScale, bool UnitMargin);

/// <summary>
/// With the classifier fixed to a simplex ETF, the features collapse to the ETF vertices even under class imbalance
/// (Yang et al. 2022), for CE and for the squared loss: GD reaches h_i = s* m_{y_i} for every sample
/// (<see cref="FixedEtfOptimum"/>), so nc1 → 0 and the class means form the ETF whatever the class sizes.
/// </summary>
public sealed class FixedEtfImbalanceClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-fixed-etf-imbalance", ClaimKind.Asymptotic)
    {
        Title = "Fixed ETF classifier: features collapse to the ETF even under class imbalance (CE and squared loss)",
        Statement =
            "--mode fixed-etf (W = a unit-norm simplex ETF M, randomly rotated and permuted), no bias, f(H) = (1/N)Σℓ(Mh_i, y_i) + λ_H/2‖H‖², step imbalance R: "
            + "after GD every feature satisfies ‖h_i − s* m_{y_i}‖/s* ≤ tolerance with the per-sample optimum s* (CE: root of (K/N)e^{−as}/(1 + (K−1)e^{−as}) = λ_H s, "
            + "a = K/(K−1); squared loss: s* = 1/(a + Nλ_H)) — the same for majority and minority classes — and nc1 and the class means' etfGramError are ≤ tolerance. "
            + "The closed forms are derived for this penalised objective (Yang et al. state the collapse for a norm-constrained one).",
        Source = "Yang, Chen, Li, Xie, Lin, Tao 2022, NeurIPS, \"Inducing neural collapse in imbalanced learning: do we really need a learnable classifier at the end of deep "
            + "neural network?\" (arXiv 2203.09081)",
        References = ["yang2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 6, "feature dimension d (≥ K − 1)", min: 1, max: 10000),
            ClaimParameter.Int("perClass", 20, "samples per majority class n", min: 1, max: 100000),
            ClaimParameter.Real("imbalance", 10, "imbalance ratio R (step imbalance of docs/ufm.md)", min: 1, max: 1e6),
            ClaimParameter.Text("losses", "ce,mse", "losses to run", "ce,mse", "ce", "mse"),
            ClaimParameter.Real("lambdaH", 0.01, "feature weight decay λ_H", min: 1e-12, max: 1000),
            ClaimParameter.Int("steps", 2000, "GD steps per run", min: 1, max: 100000000),
            ClaimParameter.Int("etfSeed", 7, "seed of the fixed ETF's random rotation and label permutation (--etf-seed)"),
            ClaimParameter.Real("tolerance", 1e-12, "largest max_i ‖h_i − s* m_y‖/s*, nc1 and etfGramError (measured ≤ 5.7e-16 over 12 seeds)", min: 0),
            ClaimParameter.Text("scaleCount", "all-samples", "all-samples = s* from N (the statement); class solves it with the class's own n_y (falsifier)", "all-samples", "class"),
            ClaimParameter.Text("marginFactor", "k-over-k-minus-1", "k-over-k-minus-1 = margin factor K/(K−1) (the statement); one drops it (falsifier)", "k-over-k-minus-1", "one"),
        ],
        Falsifiers =
        [
            Falsifier.Of("scale-from-class-count", "the optimal scale solved with the class's own n_y instead of N (a per-class-averaged loss)", ("scaleCount", "class")),
            Falsifier.Of("margin-factor-dropped", "the margin factor K/(K−1) of h = s m_y dropped (margin s)", ("marginFactor", "one")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static FixedEtfImbalanceParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        UfmLoss[] losses = p.Text("losses") switch { "ce" => [UfmLoss.CrossEntropy], "mse" => [UfmLoss.Mse], _ => [UfmLoss.CrossEntropy, UfmLoss.Mse] };
        return new FixedEtfImbalanceParameters(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("imbalance"), losses, p.Real("lambdaH"), p.Int("steps"),
            p.Int("etfSeed"), p.Real("tolerance"), p.Text("scaleCount") == "class", p.Text("marginFactor") == "one");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    /// <summary>The check on typed parameters: one fixed-ETF GD run per loss, every feature against the closed-form optimum.</summary>
    public ClaimEvidence Evaluate(FixedEtfImbalanceParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = p.Classes, d = p.Dim;
        if (d < k - 1) return new ClaimEvidence(Inconclusive(parameters, seed, $"d = {d} < K − 1: a simplex ETF of {k} classes needs d ≥ {k - 1}"));
        var runs = new List<UfmResult>();
        var lines = new List<string>();
        var violations = new List<string>();
        var worst = 0.0;
        var perClassPlots = new List<PlotSeries>();
        foreach (var loss in p.Losses)
        {
            var config = new UfmConfig
            {
                Mode = UfmMode.FixedEtf,
                Loss = loss,
                Classes = k,
                Dim = d,
                PerClass = p.PerClass,
                Imbalance = p.Imbalance,
                LambdaH = p.LambdaH,
                Steps = p.Steps,
                EtfSeed = p.EtfSeed,
                Seed = seed,
                Svm = SvmPolicy.Never,
                LogPointsPerDecade = 10,
            };
            var data = UfmData.Create(config);
            var r = UfmSimulator.Run(config, data);
            runs.Add(r);
            var n = r.Labels.Length;
            double? margin = p.UnitMargin ? 1.0 : null;
            double Scale(int y) => loss == UfmLoss.CrossEntropy
                ? FixedEtfOptimum.CrossEntropyScale(k, p.ClassCountScale ? data.Counts[y] : n, p.LambdaH, margin)
                : FixedEtfOptimum.SquaredLossScale(k, p.ClassCountScale ? data.Counts[y] : n, p.LambdaH, margin);
            var perClass = new double[k];
            var truth = loss == UfmLoss.CrossEntropy ? FixedEtfOptimum.CrossEntropyScale(k, n, p.LambdaH) : FixedEtfOptimum.SquaredLossScale(k, n, p.LambdaH);
            for (var i = 0; i < n; i++)
            {
                var y = r.Labels[i];
                var s = Scale(y);
                var e = 0.0;
                for (var j = 0; j < d; j++) e += Math.Pow(r.H[i * d + j] - s * data.Classifier[y * d + j], 2);
                perClass[y] = Math.Max(perClass[y], Math.Sqrt(e) / s);
            }
            var dist = perClass.Max();
            var nc1 = r.Final.Nc1;
            var gram = r.Final.EtfGramError;
            var err = Math.Max(dist, Math.Max(nc1, gram));
            worst = Math.Max(worst, err);
            var name = loss == UfmLoss.CrossEntropy ? "CE" : "squared loss";
            var normRatio = MinorityNormRatio(r, k, d);
            lines.Add($"{name}: s* = {truth:F10}, class sizes {string.Join(", ", data.Counts)}: max_i ‖h_i − s* m_y‖/s* = {dist:E2} (majority "
                + $"{perClass.Take((k + 1) / 2).Max():E1}, minority {perClass.Skip((k + 1) / 2).DefaultIfEmpty(0).Max():E1}), "
                      + $"nc1 {nc1:E1}, etfGramError {gram:E1}, minority/majority mean-norm ratio {normRatio:F12}");
            if (!(err <= p.Tolerance)) violations.Add($"{name}: max_i ‖h_i − s* m_y‖/s* {dist:E3}, nc1 {nc1:E3}, etfGramError {gram:E3}; allowed {Num(p.Tolerance)}");
            perClassPlots.Add(TrajectoryPlots.Series($"{name}: nc1", r.Trajectory, x => x.Nc1, true, true));
            perClassPlots.Add(TrajectoryPlots.Series($"{name}: etfGramError", r.Trajectory, x => x.EtfGramError, true, true));
        }
        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var variant = (p.ClassCountScale ? " [false variant: scale from n_y]" : "") + (p.UnitMargin ? " [false variant: margin factor 1]" : "");
        var result = new ClaimResult(Info.Id, parameters, worst, 0, p.Tolerance, verdict, seed, string.Join("; ", lines) + variant + ".");
        var plot = new PlotSpec("Fixed ETF under imbalance: collapse metrics vs step", TrajectoryPlots.StepLabel, "metric", true, true, TrajectoryPlots.NonEmpty(perClassPlots))
        {
            Caption = $"With W fixed to an ETF the per-sample problems decouple: every class, majority or minority (imbalance {Num(p.Imbalance)}), collapses to its vertex "
                      + "(points at exactly 0 are not drawn).",
        };
        var lossPlot = TrajectoryPlots.Loss(runs.Select(r => (r.Config.Loss == UfmLoss.CrossEntropy ? "CE" : "squared loss", r.Trajectory)).ToList(), "The data loss of each run "
            + "settles at its closed-form optimum.");
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([plot, lossPlot]),
            FalsifyingInstance = verdict == Verdict.Fails ? TrajectoryPlots.Falsifying(runs, violations) : null,
        };
    }

    private static double MinorityNormRatio(UfmResult r, int k, int d)
    {
        var means = ClassMeans(r.H, r.Labels, k, d);
        var first = (k + 1) / 2;
        var maj = Enumerable.Range(0, first).Average(c => means.Row(c).L2Norm());
        var min = Enumerable.Range(first, k - first).DefaultIfEmpty(0).Average(c => means.Row(c).L2Norm());
        return min / maj;
    }
}
