namespace Collapse.Ufm.Trajectories;

/// <summary>
/// One logged point of a UFM trajectory. Metric names and formulas are those of docs/conventions.md (computed by
/// Collapse.Theory from float64 copies of W, H and b); NaN where a value does not apply (e.g. svmResidual outside mode b).
/// </summary>
public sealed record TrajectoryRow
{
    /// <summary>Optimiser steps completed (t).</summary>
    public long Step { get; init; }
    /// <summary>Step size η_t used by the next step (differs from η only under the normalized schedule).</summary>
    public double StepSize { get; init; }
    /// <summary>Full objective f = loss + (λ_W/2)‖W‖² + (λ_H/2)‖H‖² + (λ_b/2)‖b‖².</summary>
    public double Objective { get; init; }
    /// <summary>Mean data loss (CE or MSE).</summary>
    public double Loss { get; init; }
    /// <summary>log of the mean loss, computed in the log domain for CE (finite when the loss underflows).</summary>
    public double LogLoss { get; init; }
    /// <summary>Fraction of samples classified correctly (strict argmax).</summary>
    public double TrainAccuracy { get; init; }
    /// <summary>p_min = min_i (z_{i,y_i} − max_{j≠y_i} z_ij).</summary>
    public double MinMargin { get; init; }
    /// <summary>p_min / (‖W‖_F · max_i ‖h_i‖).</summary>
    public double NormalizedMargin { get; init; }
    /// <summary>p_min / (½(‖W‖_F² + ‖H‖_F²)).</summary>
    public double UfmNormalizedMargin { get; init; }
    /// <summary>γ̃ = −log Σ_i Σ_{j≠y_i} exp(−(z_{i,y_i} − z_ij)) (un-normalized).</summary>
    public double SmoothedMargin { get; init; }
    /// <summary>γ̃ / (‖W‖_F · max_i ‖h_i‖).</summary>
    public double NormalizedSmoothedMargin { get; init; }
    /// <summary>γ̃ / (½(‖W‖_F² + ‖H‖_F²)).</summary>
    public double UfmNormalizedSmoothedMargin { get; init; }
    /// <summary>‖W‖_F.</summary>
    public double NormW { get; init; }
    /// <summary>‖H‖_F.</summary>
    public double NormH { get; init; }
    /// <summary>‖b‖ (0 without bias).</summary>
    public double NormB { get; init; }
    /// <summary>(1/K) Tr(Σ_W Σ_B⁺).</summary>
    public double Nc1 { get; init; }
    /// <summary>Tr Σ_W / Tr Σ_B.</summary>
    public double Nc1TraceRatio { get; init; }
    /// <summary>Mean pairwise CDNV.</summary>
    public double Cdnv { get; init; }
    /// <summary>std/mean of ‖μ_k − μ_G‖.</summary>
    public double EquinormMeans { get; init; }
    /// <summary>std/mean of ‖w_k‖.</summary>
    public double EquinormClassifier { get; init; }
    /// <summary>Mean |cos(μ̃_k, μ̃_l) + 1/(K−1)|.</summary>
    public double Equiangularity { get; init; }
    /// <summary>Max |cos(μ̃_k, μ̃_l) + 1/(K−1)|.</summary>
    public double MaxAngle { get; init; }
    /// <summary>ETF Gram error of the centred means.</summary>
    public double EtfGramError { get; init; }
    /// <summary>‖Wᵀ/‖W‖_F − M̃ᵀ/‖M̃‖_F‖_F².</summary>
    public double Nc3 { get; init; }
    /// <summary>Fraction of classifier decisions that differ from nearest-class-centre decisions.</summary>
    public double Nc4 { get; init; }
    /// <summary>Nearest-class-centre accuracy.</summary>
    public double NccAccuracy { get; init; }
    /// <summary>‖W/‖W‖_F − W_svm/‖W_svm‖_F‖_F (with the bias appended as a column when present).</summary>
    public double SvmDirectionDistance { get; init; }
    /// <summary>‖W(t) − W_svm ln t‖_F (mode b, t ≥ 1).</summary>
    public double SvmResidual { get; init; }
    /// <summary>⟨W Wᵀ, I − 11ᵀ/K⟩_F / (‖W Wᵀ‖_F √(K−1)): 1 iff the rows of W form a simplex ETF up to scale.</summary>
    public double EtfGramCosine { get; init; }
    /// <summary>
    /// Columns whose value is undefined at this point (NaN in the CSV, null in JSON), each with its reason (e.g. every
    /// angle metric "all class means coincide" once a strongly regularized run has collapsed to W = H = 0). Empty when
    /// every metric is defined; SVM columns outside their mode are not listed.
    /// </summary>
    public IReadOnlyDictionary<string, string> Undefined { get; init; } = Theory.Metrics.MetricUndefined.None;

    /// <summary>CSV/JSON column names (camelCase) in output order, with their getters.</summary>
    public static IReadOnlyList<(string Name, Func<TrajectoryRow, double> Get)> Columns { get; } =
    [
        ("step", r => r.Step), ("stepSize", r => r.StepSize), ("objective", r => r.Objective),
        ("loss", r => r.Loss), ("logLoss", r => r.LogLoss), ("trainAccuracy", r => r.TrainAccuracy),
        ("minMargin", r => r.MinMargin), ("normalizedMargin", r => r.NormalizedMargin),
        ("ufmNormalizedMargin", r => r.UfmNormalizedMargin), ("smoothedMargin", r => r.SmoothedMargin),
        ("normalizedSmoothedMargin", r => r.NormalizedSmoothedMargin),
        ("ufmNormalizedSmoothedMargin", r => r.UfmNormalizedSmoothedMargin),
        ("normW", r => r.NormW), ("normH", r => r.NormH), ("normB", r => r.NormB),
        ("nc1", r => r.Nc1), ("nc1TraceRatio", r => r.Nc1TraceRatio), ("cdnv", r => r.Cdnv),
        ("equinormMeans", r => r.EquinormMeans), ("equinormClassifier", r => r.EquinormClassifier),
        ("equiangularity", r => r.Equiangularity), ("maxAngle", r => r.MaxAngle), ("etfGramError", r => r.EtfGramError),
        ("nc3", r => r.Nc3), ("nc4", r => r.Nc4), ("nccAccuracy", r => r.NccAccuracy),
        ("svmDirectionDistance", r => r.SvmDirectionDistance), ("svmResidual", r => r.SvmResidual),
        ("etfGramCosine", r => r.EtfGramCosine),
    ];
}
