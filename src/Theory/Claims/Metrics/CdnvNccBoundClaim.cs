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
    /// <summary>Absolute tolerance on error − bound (the bound's rounding is ≈ 1e-16 relative; docs/risk-and-ncc.md).</summary>
    public const double Tolerance = 1e-12;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("cdnv-bounds-ncc-error", ClaimKind.Inequality)
    {
        Title = "A small CDNV bounds the nearest-class-centre error: 1 − nccAccuracy ≤ 4(K−1)·cdnv",
        Statement =
            "[derived] For every balanced labelled feature set, 1 − nccAccuracy ≤ markovConstant·(K−1)^classPower·cdnv with both sides from NcMetrics "
            + "(class means and biased variances of the same set; NCC ties count as errors). markovConstant = 4 and classPower = 1 are the statement "
            + "(Markov at radius ‖μ_i − μ_j‖/2, union bound over the K−1 other classes). Cases: half Gaussian mixtures (K ≤ 10, d ≤ 30, bound "
            + "log-uniform in [0.01, 3]), half near-extremal mixtures where the bound is nearly attained. Tightness: error/bound; informative: bound < 1.",
        Source = "Galanti, György, Hutter 2022 (ICLR), \"On the role of neural collapse in transfer learning\": a small CDNV makes nearest-class-centre "
                 + "classification accurate [derived: our constant and proof, not the paper's proposition]",
        References = ["galanti2022"],
        Parameters =
        [
            ClaimParameter.Real("markovConstant", 4, "constant of the Markov step: 4 = the statement (radius ‖μ_i − μ_j‖/2); 1 uses the radius ‖μ_i − μ_j‖ (deliberately false variant, "
                + "falsifier)", min: 1e-6, max: 1e6),
            ClaimParameter.Real("classPower", 1, "power of K−1 in the bound: 1 = the statement (union bound over the other classes); 0 drops the union bound (deliberately false variant, "
                + "falsifier)", min: 0, max: 4),
        ],
        Falsifiers =
        [
            Falsifier.Of("markov-radius-full-gap", "the Markov constant 1 (radius ‖μ_i − μ_j‖) instead of 4 (radius ‖μ_i − μ_j‖/2)", ("markovConstant", "1")),
            Falsifier.Of("union-bound-dropped", "the bound 4·cdnv without the factor K−1 of the union bound over the other classes", ("classPower", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var constant = p.Real("markovConstant");
        var power = p.Real("classPower");
        return RunCases(p, context, Tolerance, seed =>
        {
            var instance = CdnvNccInstances.Draw(new Random(seed));
            var report = NcMetrics.Compute(instance.Features, instance.Labels, instance.Classes, instance.Dim);
            var error = 1 - report.NccAccuracy;
            var bound = CdnvNccBound.Bound(instance.Classes, (report.Cdnv ?? double.NaN), constant, Math.Pow(instance.Classes - 1, power));
            return CaseOutcome.AtMost(error, bound,
                $"{instance.Description}: NCC error {CaseOutcome.F(error)}, cdnv {CaseOutcome.F((report.Cdnv ?? double.NaN))}, bound {CaseOutcome.F(bound)} (error/bound "
                    + $"{CaseOutcome.F(error / bound)})") with
            {
                Tightness = error / bound,
                Informative = bound < 1,
            };
        });
    }
}
