using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>The quantities computed between the passes (see <see cref="MetricEngine.Prepare"/>).</summary>
/// <param name="Stats">Pass-1 statistics.</param>
/// <param name="Classifier">W and b, or null.</param>
/// <param name="Model">The packed pass-2 model.</param>
/// <param name="Nc3">nc3 (null without W).</param>
/// <param name="EquinormClassifier">std/mean of ‖w_k‖ (null without W).</param>
/// <param name="Basis">The nc1 route: P = S⁻¹Vᵀ, its rank and ‖M̃M̃ᵀ‖_F².</param>
/// <param name="Elapsed">Time spent.</param>
public sealed record PreparedMetrics(ClassStatistics Stats, Classifier? Classifier, EvaluationModel Model,
    double? Nc3, double? EquinormClassifier, Nc1Basis Basis, TimeSpan Elapsed);
