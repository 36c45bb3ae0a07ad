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
public sealed class SeparationPhaseClaim : TheoryClaim, IClaimWithEvidence
{
    /// <summary>Tolerance on the separable probability at the horizon (from the measured variability, docs/le-sde.md).</summary>
    public const double Tolerance = 0.25;

    /// <inheritdoc />
    public override string Id => "le-sde-separation-phase";
    /// <inheritdoc />
    public override string Title => "LE-SDE: classes become separable with probability → 1 when γ_t = ω(1/t) and → 0 when γ_t = o(1/t)";
    /// <inheritdoc />
    public override string Source =>
        "Zhang, Wang, Su 2021, NeurIPS, \"Imitating deep learning dynamics via locally elastic stochastic differential equations\" (separation phase transition), "
        + "as summarised by Kothapalli 2023, TMLR, \"Neural collapse: a review on modelling principles and generalization\", §3.2 [reconstructed: Σ_t and the α_t, β_t schedules are our choices]";
    /// <inheritdoc />
    public override string Statement =>
        "[reconstructed] K classes of `perClass` representatives in R^dim follow dF̃ = M_t F̄ dt + σ dW (F̄ the class means, identity blocks T_ij = I, Σ_t = σ²I), "
        + "α_t = intra·t^{−p}, β_t = inter·t^{−p} with intra > inter ≥ 0 (so both eigenvalues of the impact matrix share the rate class of "
        + "γ_t = (intra − inter)·t^{−p}), Euler–Maruyama on [1, horizon]. For the fast schedule p = fastExponent and the slow one p = slowExponent, "
        + "`runs` seeds each (the same seeds, hence the same initial states and Brownian paths, for both): the fraction of runs whose classes are all "
        + "pairwise linearly separable at the horizon. A schedule with p < boundaryExponent must have a Wilson-95% lower end ≥ 1 − 0.25, one with "
        + "p > boundaryExponent an upper end ≤ 0.25 (fails when the interval lies on the wrong side). boundaryExponent = 1 is the statement "
        + "(γ_t = Θ(1/t)); other values place the boundary elsewhere (false variants, falsifiers).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(
        ("classes", 3), ("dim", 2), ("perClass", 20), ("intra", 1.0), ("inter", 0.5), ("fastExponent", 0.75), ("slowExponent", 1.25),
        ("noise", 1.0), ("horizon", 400), ("steps", 2000), ("initialSeparation", 1.0), ("initialSpread", 0.5), ("runs", 60),
        ("checkpoints", 5), ("boundaryExponent", 1.0));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context) => CheckWithEvidence(context).Result;

    /// <inheritdoc />
    public ClaimEvidence CheckWithEvidence(ClaimContext context)
    {
        var parameters = Effective(context);
        var settings = Settings(context);
        var boundary = context.GetDouble(this, "boundaryExponent");
        if (!double.IsFinite(boundary) || boundary <= 0) throw new InputException($"--param boundaryExponent={boundary}: must be positive");
        var fast = SeparationVerdict.Judge(SeparationExperiment.Run(settings, settings.FastExponent, context.Seed), boundary, Tolerance);
        var slow = SeparationVerdict.Judge(SeparationExperiment.Run(settings, settings.SlowExponent, context.Seed), boundary, Tolerance);
        var verdict = fast.Verdict == Verdict.Fails || slow.Verdict == Verdict.Fails ? Verdict.Fails
            : fast.Verdict == Verdict.Holds && slow.Verdict == Verdict.Holds ? Verdict.Holds : Verdict.Inconclusive;
        var deviation = Math.Max(fast.Deviation, slow.Deviation);
        var detail = $"{Describe(fast)}; {Describe(slow)} ({settings.Runs} runs each, seeds from {context.Seed}, boundary exponent {F(boundary)}, tolerance {F(Tolerance)})";
        var result = new ClaimResult(Id, parameters, deviation, 0, Tolerance, verdict, context.Seed, detail);
        return new ClaimEvidence(result) { Plots = [Plot(fast, slow, settings)] };
    }

    private SeparationSettings Settings(ClaimContext context)
    {
        var s = new SeparationSettings
        {
            Classes = context.GetInt(this, "classes"), Dim = context.GetInt(this, "dim"), PerClass = context.GetInt(this, "perClass"),
            Intra = context.GetDouble(this, "intra"), Inter = context.GetDouble(this, "inter"),
            FastExponent = context.GetDouble(this, "fastExponent"), SlowExponent = context.GetDouble(this, "slowExponent"),
            Noise = context.GetDouble(this, "noise"), Horizon = context.GetDouble(this, "horizon"), Steps = context.GetInt(this, "steps"),
            InitialSeparation = context.GetDouble(this, "initialSeparation"), InitialSpread = context.GetDouble(this, "initialSpread"),
            Runs = context.GetInt(this, "runs"), Checkpoints = context.GetInt(this, "checkpoints"),
        };
        if (!(s.Intra > s.Inter && s.Inter >= 0))
            throw new InputException($"--param intra={F(s.Intra)}, inter={F(s.Inter)}: the statement needs intra > inter >= 0 (locally elastic, both impact eigenvalues in the rate class of γ_t)");
        if (!(s.FastExponent < s.SlowExponent))
            throw new InputException($"--param fastExponent={F(s.FastExponent)}, slowExponent={F(s.SlowExponent)}: fastExponent must be below slowExponent");
        if (s.Horizon <= 1) throw new InputException($"--param horizon={F(s.Horizon)}: must exceed the start time 1");
        if (s.Runs < 1 || s.Runs > 100_000) throw new InputException($"--param runs={s.Runs}: must be in [1, 100000]");
        s.Model(s.FastExponent, 0).Validate();
        return s;
    }

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
