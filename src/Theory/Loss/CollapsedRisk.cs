using Collapse.Theory.Metrics;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Loss;

/// <summary>Which convex loss a risk is taken with.</summary>
public enum RiskLoss
{
    /// <summary>Cross-entropy (<see cref="CrossEntropy"/>), in the log domain.</summary>
    CrossEntropy,
    /// <summary>½‖z − e_y‖² (<see cref="SquaredError"/>).</summary>
    SquaredError,
}

/// <summary>A per-sample loss in the log domain: log ℓ(z, y).</summary>
public delegate double LogLossFunction(ReadOnlySpan<double> logits, int label);

/// <summary>
/// The empirical risk R(H) = (1/N) Σ_i ℓ(W h_i + b, y_i) of a linear classifier, and the collapsed risk
/// R(M) = Σ_k (n_k/N) ℓ(W μ_k + b, k) with every feature replaced by its class mean. For a loss convex in the logits,
/// Jensen's inequality per class gives R(M) ≤ R(H): collapsing features onto their class means never increases the
/// risk (the step behind the simplex results of E &amp; Wojtowytsch 2020/2022, arXiv 2012.05420). Both are returned as
/// logarithms (cross-entropy risks reach 1e-300 in the terminal phase).
/// </summary>
public static class CollapsedRisk
{
    /// <summary>log R(H) for N×d row-major features.</summary>
    public static double LogRisk(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, Classifier classifier, RiskLoss loss) =>
        LogRisk(features, labels, classifier, LogLoss(loss));

    /// <summary>log R(H) for any per-sample loss (given as log ℓ).</summary>
    public static double LogRisk(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, Classifier classifier, LogLossFunction logLoss)
    {
        ArgumentNullException.ThrowIfNull(logLoss);
        ArgumentNullException.ThrowIfNull(classifier);
        int k = classifier.Classes, d = classifier.Dim, n = labels.Length;
        if (n == 0 || features.Length != n * d) throw new InputException($"features: expected {n}×{d} values, got {features.Length}");
        Span<double> z = k <= 256 ? stackalloc double[k] : new double[k];
        var acc = new LogSumExpAccumulator();
        for (var i = 0; i < n; i++)
        {
            classifier.Logits(features.Slice(i * d, d), z);
            acc.Add(logLoss(z, labels[i]));
        }
        return acc.Value - Math.Log(n);
    }

    /// <summary>log R(M): the risk with each feature replaced by its class mean (classes absent from the labels contribute nothing).</summary>
    public static double LogCollapsedRisk(ClassStatistics stats, Classifier classifier, RiskLoss loss) =>
        LogCollapsedRisk(stats, classifier, LogLoss(loss));

    /// <summary>log R(M) for any per-sample loss (given as log ℓ).</summary>
    public static double LogCollapsedRisk(ClassStatistics stats, Classifier classifier, LogLossFunction logLoss)
    {
        ArgumentNullException.ThrowIfNull(logLoss);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(classifier);
        int k = classifier.Classes, d = classifier.Dim;
        var z = new double[k];
        var mean = new double[d];
        var acc = new LogSumExpAccumulator();
        for (var c = 0; c < stats.Classes; c++)
        {
            if (stats.Counts[c] == 0) continue;
            for (var j = 0; j < d; j++) mean[j] = stats.Means[c, j];
            classifier.Logits(mean, z);
            acc.Add(Math.Log(stats.Counts[c]) + logLoss(z, c));
        }
        return acc.Value - Math.Log(stats.Total);
    }

    /// <summary>The log-domain per-sample function of <paramref name="loss"/>.</summary>
    public static LogLossFunction LogLoss(RiskLoss loss) => loss switch
    {
        RiskLoss.CrossEntropy => CrossEntropy.LogSample,
        RiskLoss.SquaredError => static (z, y) => Math.Log(SquaredError.Sample(z, y)),
        _ => throw new ArgumentOutOfRangeException(nameof(loss)),
    };
}
