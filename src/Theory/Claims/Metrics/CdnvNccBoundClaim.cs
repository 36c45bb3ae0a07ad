using Collapse.Theory.Bounds;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>
/// Galanti, György, Hutter 2022 (ICLR): a small CDNV bounds the nearest-class-centre error, in the derived form
/// err_NCC ≤ 4(K−1)·cdnv (<see cref="CdnvNccBound"/>), checked on balanced Gaussian mixtures and near-extremal
/// mixtures with both sides computed by <see cref="NcMetrics"/>.
/// </summary>
public sealed class CdnvNccBoundClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "cdnv-bounds-ncc-error";
    /// <inheritdoc />
    public override string Title => "A small CDNV bounds the nearest-class-centre error: 1 − nccAccuracy ≤ 4(K−1)·cdnv";
    /// <inheritdoc />
    public override string Source => "Galanti, György, Hutter 2022, ICLR, \"On the role of neural collapse in transfer learning\" (CDNV controls the NCC error) [derived: our constant, not the paper's proposition]";
    /// <inheritdoc />
    public override string Statement =>
        "[derived] For every balanced labelled feature set, 1 − nccAccuracy ≤ markovConstant·(K−1)^classPower·cdnv with both sides from NcMetrics "
        + "(class means and biased variances of the same set; NCC ties count as errors). markovConstant = 4 and classPower = 1 are the statement "
        + "(Markov at radius ‖μ_i − μ_j‖/2, union bound over the K−1 other classes); markovConstant = 1 (radius ‖μ_i − μ_j‖) and classPower = 0 "
        + "(no union bound) are false variants (falsifiers). Cases: half Gaussian mixtures (K ≤ 10, d ≤ 30, bound log-uniform in [0.01, 3]), "
        + "half near-extremal mixtures where the bound is nearly attained. Informative: bound < 1.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("markovConstant", 4.0), ("classPower", 1.0));

    /// <summary>Absolute tolerance on error − bound (the bound's rounding is ≈ 1e-16 relative; docs/bounds.md).</summary>
    public const double Tolerance = 1e-12;

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var constant = context.GetDouble(this, "markovConstant");
        var power = context.GetDouble(this, "classPower");
        if (!(constant > 0) || !double.IsFinite(constant)) throw new InputException($"--param markovConstant={constant}: must be positive");
        if (!double.IsFinite(power)) throw new InputException($"--param classPower={power}: must be finite");
        var stats = new CaseTally();
        var result = RunCases(context, Tolerance, seed =>
        {
            var instance = CdnvNccInstances.Draw(new Random(seed));
            var report = NcMetrics.Compute(instance.Features, instance.Labels, instance.Classes, instance.Dim);
            var error = 1 - report.NccAccuracy;
            var bound = CdnvNccBound.Bound(instance.Classes, report.Cdnv, constant, Math.Pow(instance.Classes - 1, power));
            stats.Add(error, bound, bound < 1);
            return CaseOutcome.AtMost(error, bound,
                $"{instance.Description}: NCC error {CaseOutcome.F(error)}, cdnv {CaseOutcome.F(report.Cdnv)}, bound {CaseOutcome.F(bound)} (error/bound {CaseOutcome.F(error / bound)})");
        });
        return result with { Detail = result.Detail + "; " + stats.Summary() };
    }
}
