namespace Collapse.Theory.Bounds;

/// <summary>Monte-Carlo estimate of an empirical Rademacher complexity with its normal-approximation confidence interval.</summary>
/// <param name="Mean">Mean over the σ draws of the exact supremum (the estimate of R̂_S).</param>
/// <param name="StandardError">Sample standard deviation of the draws / √draws.</param>
/// <param name="Lower">Mean − z·StandardError.</param>
/// <param name="Upper">Mean + z·StandardError.</param>
/// <param name="Confidence">Two-sided confidence level of [Lower, Upper] (e.g. 0.95).</param>
/// <param name="Draws">Number of Rademacher vectors σ drawn.</param>
public sealed record RademacherEstimate(double Mean, double StandardError, double Lower, double Upper, double Confidence, int Draws);
