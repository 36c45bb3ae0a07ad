using System.Globalization;
using Collapse.LeSde.Experiments;
using Collapse.LeSde.Model;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Claims;

/// <summary>
/// Neural collapse in the locally-elastic SDE (Zhang, Wang, Su 2021, NeurIPS; Kothapalli 2023, TMLR, §3.2): with
/// the blocks T_ij = d_i d_jᵀ/‖d_j‖², d_j = e_j − (1/K)1, the normalised representatives tend to a simplex ETF. Checked
/// on <see cref="ClaimContext.Cases"/> seeds: the ETF error of the normalised class representatives at the horizon
/// (<see cref="EtfConvergence"/>).
/// </summary>
public sealed class LeSdeEtfClaim : TheoryClaim
{
    /// <summary>Largest ETF error allowed at the horizon (from the measured variability, docs/le-sde.md).</summary>
    public const double Threshold = 1e-6;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("le-sde-etf", ClaimKind.Asymptotic)
    {
        Title = "LE-SDE with T_ij = d_i d_jᵀ/‖d_j‖²: the normalised representatives tend to a simplex ETF",
        Statement =
            "[reconstructed] K classes of `perClass` representatives in R^K follow dF̃ = M_t F̄ dt + σ dW with blocks E_ij(t)·T_ij, T_ij = d_i d_jᵀ/‖d_j‖², "
            + "d_j = e_j − (1/K)1, α_t = intra·t^{−p}, β_t = inter·t^{−p}, intra > inter > 0, p = exponent < 1 (γ_t = ω(1/t)); Euler–Maruyama on [1, horizon]. "
            + "For every seed (one per case) the ETF error of the normalised class representatives u_k = F̄_k/‖F̄_k‖ (the etfGramError formula on "
            + "G_kl = ⟨u_k, u_l⟩, not centred) at the horizon is ≤ 1e-6; the detail shows its decay along log-spaced checkpoints. "
            + "Tightness: final error / 1e-6; informative: the error at t = 1 is above 1e-6.",
        Source = "Zhang, Wang, Su 2021 (NeurIPS), \"Imitating deep learning dynamics via locally elastic stochastic differential equations\" (emergence of "
                 + "neural collapse), as summarised by Kothapalli 2023 (TMLR), §3.2 [reconstructed: Σ_t and the α_t, β_t schedules are our choices]",
        References = ["zhang2021", "kothapalli2023"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "K (the representatives live in R^K)", min: 2, max: 1000),
            ClaimParameter.Int("perClass", 10, "representatives simulated per class", min: 1, max: 1000000),
            ClaimParameter.Real("intra", 1.0, "α_t = intra·t^(−p): intra-class impact (intra > inter > 0)", min: 1e-300),
            ClaimParameter.Real("inter", 0.5, "β_t = inter·t^(−p): inter-class impact (intra > inter > 0)", min: 1e-300),
            ClaimParameter.Real("exponent", 0.75, "p of the impact schedule: p < 1 is the statement (γ_t = ω(1/t)); p ≥ 1 (γ_t = O(1/t), e.g. 1.25) is a deliberately false variant "
                + "(falsifier)", min: 0, max: 10),
            ClaimParameter.Text("transform", "etf", "the blocks T_ij: etf = d_i d_jᵀ/‖d_j‖² (the statement); orthonormal = e_i e_jᵀ, d_j without its centring (deliberately false variant, "
                + "falsifier)", "etf", "orthonormal"),
            ClaimParameter.Real("noise", 1.0, "σ: Σ_t = σ²I (our choice)", min: 0, max: 1e6),
            ClaimParameter.Real("horizon", 400, "T: simulate on [1, T] (T > 1)", min: 1, max: 1e9),
            ClaimParameter.Int("steps", 2000, "Euler–Maruyama steps on [1, T]", min: 1, max: 100000000),
            ClaimParameter.Real("initialSeparation", 1.0, "s: initial class means ~ N(0, s²I)", min: 0, max: 1e6),
            ClaimParameter.Real("initialSpread", 0.5, "τ: initial representatives = mean + τ·N(0, I)", min: 0, max: 1e6),
            ClaimParameter.Int("checkpoints", 9, "log-spaced checkpoints in [1, T] at which the error is recorded", min: 2, max: 10000),
        ],
        Falsifiers =
        [
            Falsifier.Of("orthonormal-blocks", "the blocks T_ij = e_i e_jᵀ (d_j without its centring −(1/K)1) instead of d_i d_jᵀ/‖d_j‖²", ("transform", "orthonormal")),
            Falsifier.Of("slow-schedule", "the impact schedule t^(−1.25), γ_t = o(1/t), outside the statement's γ_t = ω(1/t)", ("exponent", "1.25")),
        ],
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Require(parameters.Real("intra") > parameters.Real("inter"), "intra", "intra > inter (the statement needs intra > inter > 0)");
        parameters.Require(parameters.Real("horizon") > 1, "horizon", "horizon > 1 (the start time)");
        Settings(parameters).Model(0).Validate();
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(p);
        EtfConvergence? first = null;
        var result = RunCases(p, context, 0, seed =>
        {
            var run = EtfConvergence.Run(settings, seed);
            first ??= run;
            var decay = string.Join(", ", run.Times.Zip(run.Errors, (t, e) => $"{F(e)} (t={F(t)})"));
            return CaseOutcome.AtMost(run.Final, Threshold,
                $"K={settings.Classes} n={settings.PerClass} transform={settings.Transform.ToString().ToLowerInvariant()} p={F(settings.Exponent)}: "
                + $"normalised ETF error {decay}; centred etfGramError at the horizon {F(run.CentredErrors[^1])}") with
            {
                Tightness = run.Final / Threshold,
                Informative = run.Errors[0] > Threshold,
            };
        });
        return new ClaimEvidence(result) { Plots = first is null ? [] : [Plot(first, settings, context.CaseSeed(0))] };
    }

    private static EtfSettings Settings(ClaimParameters p) => new()
    {
        Classes = p.Int("classes"),
        PerClass = p.Int("perClass"),
        Intra = p.Real("intra"),
        Inter = p.Real("inter"),
        Exponent = p.Real("exponent"),
        Transform = p.Text("transform") == "orthonormal" ? TransformKind.Orthonormal : TransformKind.Etf,
        Noise = p.Real("noise"),
        Horizon = p.Real("horizon"),
        Steps = p.Int("steps"),
        InitialSeparation = p.Real("initialSeparation"),
        InitialSpread = p.Real("initialSpread"),
        Checkpoints = p.Int("checkpoints"),
    };

    private static PlotSpec Plot(EtfConvergence run, EtfSettings s, int seed) =>
        new("ETF error of the normalised representatives along t", "t", "ETF error", true, true,
        [
            new PlotSeries("normalised (uncentred) ETF error", run.Times, run.Errors),
            new PlotSeries("centred etfGramError", run.Times, run.CentredErrors) { Style = SeriesStyle.Dashed },
            new PlotSeries("threshold 1e-6", [run.Times[0], run.Times[^1]], [Threshold, Threshold]) { Style = SeriesStyle.Dashed },
        ])
        {
            Caption = $"Seed {seed}, K = {s.Classes}, transform {s.Transform.ToString().ToLowerInvariant()}, α_t = {F(s.Intra)}·t^(−{F(s.Exponent)}), "
                      + $"β_t = {F(s.Inter)}·t^(−{F(s.Exponent)}): the error must fall below the threshold by t = {F(s.Horizon)}.",
        };

    private static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
