using System.Globalization;
using Collapse.LeSde.Experiments;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Claims;

/// <summary>
/// The separation phase transition of the locally-elastic SDE (Zhang, Wang, Su 2021, NeurIPS, as summarised by
/// Kothapalli 2023, TMLR, §3.2): with γ_t = min{α_t − β_t, α_t + (K−1)β_t}, the classes become pairwise linearly
/// separable with probability → 1 when γ_t = ω(1/t) and → 0 when γ_t = o(1/t). Checked by Monte Carlo over seeds on
/// both sides of the boundary (<see cref="SeparationExperiment"/>, <see cref="SeparationVerdict"/>).
/// </summary>
public sealed class SeparationPhaseClaim : Claim
{
    /// <summary>Tolerance on the separable probability at the horizon (from the measured variability, docs/le-sde.md).</summary>
    public const double Tolerance = 0.25;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("le-sde-separation-phase", ClaimKind.Asymptotic)
    {
        Title = "LE-SDE: classes become separable with probability → 1 when γ_t = ω(1/t) and → 0 when γ_t = o(1/t)",
        Statement =
            "[reconstructed] K classes of `perClass` representatives in R^dim follow dF̃ = M_t F̄ dt + σ dW (F̄ the class means, identity blocks T_ij = I, Σ_t = σ²I), "
            + "α_t = intra·t^{−p}, β_t = inter·t^{−p} with intra > inter ≥ 0 (so both eigenvalues of the impact matrix share the rate class of "
            + "γ_t = (intra − inter)·t^{−p}), Euler–Maruyama on [1, horizon]. For the fast schedule p = fastExponent and the slow one p = slowExponent, "
            + "`runs` seeds each (the same seeds, hence the same initial states and Brownian paths, for both): the fraction of runs whose classes are all "
            + "pairwise linearly separable at the horizon. A schedule with p < boundaryExponent must have a Wilson-95% lower end ≥ 1 − 0.25, one with "
            + "p > boundaryExponent an upper end ≤ 0.25 (fails when the interval lies on the wrong side). boundaryExponent = 1 is the statement "
            + "(γ_t = Θ(1/t)).",
        Source = "Zhang, Wang, Su 2021 (NeurIPS), \"Imitating deep learning dynamics via locally elastic stochastic differential equations\" (separation "
                 + "phase transition), as summarised by Kothapalli 2023 (TMLR), §3.2 [reconstructed: Σ_t and the α_t, β_t schedules are our choices]; "
                 + "Wilson 1927 score interval",
        References = ["zhang2021", "kothapalli2023", "wilson1927"],
        Parameters =
        [
            ClaimParameter.Int("classes", 3, "K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 2, "m, the feature dimension", min: 1, max: 100000),
            ClaimParameter.Int("perClass", 20, "representatives simulated per class", min: 1, max: 1000000),
            ClaimParameter.Real("intra", 1.0, "α_t = intra·t^(−p): intra-class impact (intra > inter ≥ 0)", min: 1e-300),
            ClaimParameter.Real("inter", 0.5, "β_t = inter·t^(−p): inter-class impact (intra > inter ≥ 0)", min: 0),
            ClaimParameter.Real("fastExponent", 0.75, "p of the fast schedule (γ_t = ω(1/t) when p < 1); below slowExponent", min: 0, max: 10),
            ClaimParameter.Real("slowExponent", 1.25, "p of the slow schedule (γ_t = o(1/t) when p > 1); above fastExponent", min: 0, max: 10),
            ClaimParameter.Real("noise", 1.0, "σ: Σ_t = σ²I (our choice)", min: 0, max: 1e6),
            ClaimParameter.Real("horizon", 400, "T: simulate on [1, T] (T > 1)", min: 1, max: 1e9),
            ClaimParameter.Int("steps", 2000, "Euler–Maruyama steps on [1, T]", min: 1, max: 100000000),
            ClaimParameter.Real("initialSeparation", 1.0, "s: initial class means ~ N(0, s²I)", min: 0, max: 1e6),
            ClaimParameter.Real("initialSpread", 0.5, "τ: initial representatives = mean + τ·N(0, I)", min: 0, max: 1e6),
            ClaimParameter.Int("runs", 60, "Monte-Carlo runs per schedule (seeds from the check's seed)", min: 1, max: 100000),
            ClaimParameter.Int("checkpoints", 5, "log-spaced checkpoints in [1, T] at which separability is recorded", min: 2, max: 10000),
            ClaimParameter.Real("boundaryExponent", 1.0, "where the prediction switches: 1 = the statement (γ_t = Θ(1/t)); another value, e.g. 0.5 or 1.5, places the boundary elsewhere "
                + "(deliberately false variant, falsifier)", min: 1e-6, max: 10),
        ],
        Falsifiers =
        [
            Falsifier.Of("boundary-at-t-to-minus-half", "the phase boundary at γ_t = Θ(t^(−1/2)) instead of Θ(1/t) (the ω(1/t) schedule t^(−0.75) predicted never to "
                + "separate)", ("boundaryExponent", "0.5")),
            Falsifier.Of("boundary-at-t-to-minus-three-halves", "the phase boundary at γ_t = Θ(t^(−3/2)) instead of Θ(1/t) (the o(1/t) schedule t^(−1.25) predicted to "
                + "separate)", ("boundaryExponent", "1.5")),
        ],
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Require(parameters.Real("intra") > parameters.Real("inter"), "intra",
            "intra > inter (locally elastic: both impact eigenvalues in the rate class of γ_t)");
        parameters.Require(parameters.Real("fastExponent") < parameters.Real("slowExponent"), "fastExponent", "fastExponent < slowExponent");
        parameters.Require(parameters.Real("horizon") > 1, "horizon", "horizon > 1 (the start time)");
        var s = Settings(parameters);
        s.Model(s.FastExponent, 0).Validate();
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(p);
        var boundary = p.Real("boundaryExponent");
        var fast = SeparationVerdict.Judge(SeparationExperiment.Run(settings, settings.FastExponent, context.Seed), boundary, Tolerance);
        var slow = SeparationVerdict.Judge(SeparationExperiment.Run(settings, settings.SlowExponent, context.Seed), boundary, Tolerance);
        var verdict = fast.Verdict == Verdict.Fails || slow.Verdict == Verdict.Fails ? Verdict.Fails
            : fast.Verdict == Verdict.Holds && slow.Verdict == Verdict.Holds ? Verdict.Holds : Verdict.Inconclusive;
        var deviation = Math.Max(fast.Deviation, slow.Deviation);
        var detail = $"{Describe(fast)}; {Describe(slow)} ({settings.Runs} runs each, seeds from {context.Seed}, boundary exponent {F(boundary)}, tolerance {F(Tolerance)})";
        var result = new ClaimResult(Info.Id, p.AsStrings(), deviation, 0, Tolerance, verdict, context.Seed, detail);
        return new ClaimEvidence(result) { Plots = [Plot(fast, slow, settings)] };
    }

    private static SeparationSettings Settings(ClaimParameters p) => new()
    {
        Classes = p.Int("classes"),
        Dim = p.Int("dim"),
        PerClass = p.Int("perClass"),
        Intra = p.Real("intra"),
        Inter = p.Real("inter"),
        FastExponent = p.Real("fastExponent"),
        SlowExponent = p.Real("slowExponent"),
        Noise = p.Real("noise"),
        Horizon = p.Real("horizon"),
        Steps = p.Int("steps"),
        InitialSeparation = p.Real("initialSeparation"),
        InitialSpread = p.Real("initialSpread"),
        Runs = p.Int("runs"),
        Checkpoints = p.Int("checkpoints"),
    };

    private static string Describe(SeparationVerdict v)
    {
        var c = v.Curve;
        var f = c.Final;
        var along = string.Join(", ", c.Times.Select((t, i) => $"{c.Separable[i].Successes} at t={F(t)}"));
        var predicted = double.IsNaN(v.Predicted) ? "no prediction" : $"predicted → {v.Predicted:F0}";
        return $"p = {F(c.Exponent)} (t·γ_t {(c.Exponent < 1 ? "→ ∞" : c.Exponent > 1 ? "→ 0" : "constant")}, {predicted}): "
               + $"{f.Successes}/{f.Trials} separable at t = {F(c.Times[^1])}, Wilson 95% [{f.Lower:F3}, {f.Upper:F3}] → {v.Verdict.ToString().ToUpperInvariant()} "
               + $"(separable runs {along}; median separation ratio {F(c.MedianRatio[0])} → {F(c.MedianRatio[^1])})";
    }

    private static PlotSpec Plot(SeparationVerdict fast, SeparationVerdict slow, SeparationSettings s)
    {
        var series = new List<PlotSeries>();
        var slot = 0;
        foreach (var v in new[] { fast, slow })
        {
            var c = v.Curve;
            var name = $"p = {F(c.Exponent)}";
            series.Add(new PlotSeries($"{name}: separable fraction", c.Times, c.Separable.Select(w => w.Fraction).ToList()) { ColorSlot = slot });
            series.Add(new PlotSeries($"{name}: Wilson 95% lower", c.Times, c.Separable.Select(w => w.Lower).ToList()) { Style = SeriesStyle.Dashed, ColorSlot = slot });
            series.Add(new PlotSeries($"{name}: Wilson 95% upper", c.Times, c.Separable.Select(w => w.Upper).ToList()) { Style = SeriesStyle.Dashed, ColorSlot = slot });
            slot++;
        }
        return new PlotSpec("Fraction of runs with all class pairs linearly separable", "t", "separable fraction", true, false, series)
        {
            Caption = $"Both schedules start from the same {s.Runs} initial states and Brownian paths. γ_t ∝ t^(−{F(fast.Curve.Exponent)}) = ω(1/t) "
                      + $"should rise to 1, γ_t ∝ t^(−{F(slow.Curve.Exponent)}) = o(1/t) fall to 0 (K = {s.Classes}, m = {s.Dim}, n = {s.PerClass}).",
        };
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
