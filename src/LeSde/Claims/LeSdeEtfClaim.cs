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
public sealed class LeSdeEtfClaim : TheoryClaim, IClaimWithEvidence
{
    /// <summary>Largest ETF error allowed at the horizon (from the measured variability, docs/le-sde.md).</summary>
    public const double Threshold = 1e-6;

    /// <inheritdoc />
    public override string Id => "le-sde-etf";
    /// <inheritdoc />
    public override string Title => "LE-SDE with T_ij = d_i d_jᵀ/‖d_j‖²: the normalised representatives tend to a simplex ETF";
    /// <inheritdoc />
    public override string Source =>
        "Zhang, Wang, Su 2021, NeurIPS, \"Imitating deep learning dynamics via locally elastic stochastic differential equations\" (emergence of neural collapse), "
        + "as summarised by Kothapalli 2023, TMLR, \"Neural collapse: a review on modelling principles and generalization\", §3.2 [reconstructed: Σ_t and the α_t, β_t schedules are our choices]";
    /// <inheritdoc />
    public override string Statement =>
        "[reconstructed] K classes of `perClass` representatives in R^K follow dF̃ = M_t F̄ dt + σ dW with blocks E_ij(t)·T_ij, T_ij = d_i d_jᵀ/‖d_j‖², "
        + "d_j = e_j − (1/K)1, α_t = intra·t^{−p}, β_t = inter·t^{−p}, intra > inter > 0, p = exponent < 1 (γ_t = ω(1/t)); Euler–Maruyama on [1, horizon]. "
        + "For every seed the ETF error of the normalised class representatives u_k = F̄_k/‖F̄_k‖ (the etfGramError formula on G_kl = ⟨u_k, u_l⟩, "
        + "not centred) at the horizon is ≤ 1e-6; the detail shows its decay along log-spaced checkpoints. transform = etf is the statement; "
        + "transform = orthonormal (T_ij = e_i e_jᵀ, d_j without its centring) and exponent ≥ 1 are false variants (falsifiers).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Asymptotic;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(
        ("classes", 4), ("perClass", 10), ("intra", 1.0), ("inter", 0.5), ("exponent", 0.75), ("transform", "etf"), ("noise", 1.0),
        ("horizon", 400), ("steps", 2000), ("initialSeparation", 1.0), ("initialSpread", 0.5), ("checkpoints", 9));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context) => CheckWithEvidence(context).Result;

    /// <inheritdoc />
    public ClaimEvidence CheckWithEvidence(ClaimContext context)
    {
        var settings = Settings(context);
        EtfConvergence? first = null;
        var result = RunCases(context, 0, seed =>
        {
            var run = EtfConvergence.Run(settings, seed);
            first ??= run;
            var decay = string.Join(", ", run.Times.Zip(run.Errors, (t, e) => $"{F(e)} (t={F(t)})"));
            return CaseOutcome.AtMost(run.Final, Threshold,
                $"K={settings.Classes} n={settings.PerClass} transform={settings.Transform.ToString().ToLowerInvariant()} p={F(settings.Exponent)}: "
                + $"normalised ETF error {decay}; centred etfGramError at the horizon {F(run.CentredErrors[^1])}");
        });
        return new ClaimEvidence(result) { Plots = first is null ? [] : [Plot(first, settings, context.CaseSeed(0))] };
    }

    private EtfSettings Settings(ClaimContext context)
    {
        var transform = context.Raw(this, "transform").Trim().ToLowerInvariant() switch
        {
            "etf" => TransformKind.Etf,
            "orthonormal" => TransformKind.Orthonormal,
            var other => throw new InputException($"--param transform={other}: expected etf (the statement) or orthonormal (false variant)"),
        };
        var s = new EtfSettings
        {
            Classes = context.GetInt(this, "classes"), PerClass = context.GetInt(this, "perClass"),
            Intra = context.GetDouble(this, "intra"), Inter = context.GetDouble(this, "inter"), Exponent = context.GetDouble(this, "exponent"),
            Transform = transform, Noise = context.GetDouble(this, "noise"), Horizon = context.GetDouble(this, "horizon"),
            Steps = context.GetInt(this, "steps"), InitialSeparation = context.GetDouble(this, "initialSeparation"),
            InitialSpread = context.GetDouble(this, "initialSpread"), Checkpoints = context.GetInt(this, "checkpoints"),
        };
        if (!(s.Intra > s.Inter && s.Inter > 0))
            throw new InputException($"--param intra={F(s.Intra)}, inter={F(s.Inter)}: the statement needs intra > inter > 0");
        if (s.Horizon <= 1) throw new InputException($"--param horizon={F(s.Horizon)}: must exceed the start time 1");
        s.Model(0).Validate();
        return s;
    }

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
