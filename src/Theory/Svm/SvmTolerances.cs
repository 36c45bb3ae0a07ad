namespace Collapse.Theory.Svm;

/// <summary>
/// Thresholds for <see cref="SvmCertificate.IsCertified"/>. All three quantities are scale-invariant (see
/// <see cref="SvmCertificate"/>), so the same tolerances serve features of any magnitude.
/// </summary>
/// <param name="MaxViolation">Largest allowed constraint violation max(0, max_a (1 − A_a·W)).</param>
/// <param name="DualityGap">Largest allowed relative duality gap |P − D| / P.</param>
/// <param name="Stationarity">Largest allowed relative stationarity residual ||W − Σ λ_a A_a||_F / ||W||_F.</param>
public sealed record SvmTolerances(double MaxViolation, double DualityGap, double Stationarity)
{
    /// <summary>The project's certification standard: violation ≤ 1e-9, gap ≤ 1e-8, stationarity ≤ 1e-9.</summary>
    public static SvmTolerances Default { get; } = new(1e-9, 1e-8, 1e-9);
}
