using Collapse.Theory.Margins;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// Second streaming pass over the samples, given the class means of the first pass and optionally a classifier:
/// nearest-class-centre (NCC) decisions, and with W: logits, argmax, sample and class-pair margins, CE, log CE and
/// the smoothed margin, all accumulated in the log domain. Mergeable. Runs the blocked kernel <see cref="SampleBlock"/>
/// on one thread; <see cref="MetricEngine"/> is the multi-threaded, class-banded driver of the same kernel.
/// </summary>
/// <remarks>
/// NC4 (Papyan, Han, Donoho 2020, Fig. 7): fraction of samples whose classifier decision differs from the NCC
/// decision argmin_k ||h − μ_k|| (ties: lowest index). Margins: Gao et al. (2023) p_min and γ_kl; smoothed margin:
/// Lyu &amp; Li (2020), "Gradient descent maximizes the margin of homogeneous neural networks", ICLR.
/// </remarks>
public sealed class SampleEvaluator
{
    /// <summary>Rows per call of the kernel.</summary>
    private const int BlockRows = 256;

    private readonly EvaluationModel _model;
    private readonly SampleScratch _scratch = new();
    private readonly PairMarginBlock? _pairs;

    /// <summary>
    /// Creates the evaluator from first-pass statistics and an optional classifier. With
    /// <paramref name="projectNc1"/> it also accumulates nc1 = (1/N) Σ_i ‖S⁻¹Vᵀ(h_i − μ_{y_i})‖² (M̃ = U S Vᵀ, rank ≤ min(K−1, d)):
    /// the same value as <see cref="Metrics.Nc1.Compute"/> without the d×d scatter, at O(N·d·r) cost and O(K·d) memory.
    /// The K×K class-pair margins are kept (this in-memory form is for moderate K; the engine bands them).
    /// </summary>
    public SampleEvaluator(ClassStatistics stats, Classifier? classifier, bool projectNc1 = false)
        : this(CreateModel(stats, classifier, projectNc1), keepPairs: true)
    {
    }

    /// <summary>Creates an evaluator on a shared model; <paramref name="keepPairs"/> keeps the full K×K γ matrix.</summary>
    public SampleEvaluator(EvaluationModel model, bool keepPairs)
    {
        _model = model;
        if (model.Classifier is not null && keepPairs) _pairs = new PairMarginBlock(model.Classes, 0, model.Classes);
    }

    private static EvaluationModel CreateModel(ClassStatistics stats, Classifier? classifier, bool projectNc1)
    {
        if (!projectNc1) return EvaluationModel.Create(stats, classifier, null, 0);
        var (p, r) = Metrics.Nc1.Projection(stats.CentredMeanRows(), stats.Classes, stats.Dim);
        return EvaluationModel.Create(stats, classifier, p, r);
    }

    /// <summary>The accumulated totals.</summary>
    public SampleTotals Totals { get; } = new();

    /// <summary>The shared model.</summary>
    public EvaluationModel Model => _model;

    /// <summary>Adds a batch (row-major B×d, B labels in [0, K)).</summary>
    public void Add(ReadOnlySpan<double> rows, ReadOnlySpan<int> labels)
    {
        var d = _model.Dim;
        for (var i = 0; i < labels.Length; i += BlockRows)
        {
            var n = Math.Min(BlockRows, labels.Length - i);
            SampleBlock.Process(_model, rows.Slice(i * d, n * d), default, labels.Slice(i, n), _scratch, Totals, _pairs);
        }
    }

    /// <summary>Merges another evaluator built on the same statistics and classifier.</summary>
    public void Merge(SampleEvaluator other)
    {
        Totals.Merge(other.Totals);
        if (_pairs is not null && other._pairs is not null) _pairs.Merge(other._pairs);
    }

    private long N => Totals.Count;

    /// <summary>nc1 by the projected route (null unless constructed with projectNc1).</summary>
    public double? Nc1 => _model.ProjectsNc1 ? Totals.Nc1.Value / N : null;

    /// <summary>Samples seen.</summary>
    public long Count => N;

    /// <summary>Fraction of samples whose NCC decision equals the label (key <c>nccAccuracy</c>).</summary>
    public double NccAccuracy => (double)Totals.NccCorrect / N;

    /// <summary>NC4: fraction with argmax_k z_k ≠ NCC decision (null without a classifier).</summary>
    public double? Nc4 => _model.W is null ? null : (double)Totals.Nc4Mismatch / N;

    /// <summary>Fraction classified correctly with a strict argmax (q_i &gt; 0).</summary>
    public double? Accuracy => _model.W is null ? null : (double)Totals.Correct / N;

    /// <summary>Mean CE (natural log).</summary>
    public double? CrossEntropyMean => _model.W is null ? null : Totals.Loss.Value / N;

    /// <summary>log CE computed in the log domain (finite when CE underflows).</summary>
    public double? LogCrossEntropy => _model.W is null ? null : Totals.LogLoss.Value - Math.Log(N);

    /// <summary>p_min.</summary>
    public double? MinMargin => _model.W is null ? null : Totals.MinMargin;

    /// <summary>Unnormalized smoothed margin γ̃ = −LSE_{i, j≠y_i}(−(z_y − z_j)).</summary>
    public double? SmoothedMargin => _model.W is null ? null : -Totals.Smoothed.Value;

    /// <summary>γ_kl matrix (NaN on the diagonal and for classes without samples).</summary>
    public double[,]? ClassPairMargins()
    {
        if (_pairs is null) return null;
        var m = new double[_model.Classes, _model.Classes];
        _pairs.CopyTo(m);
        return m;
    }

    /// <summary>Margin summary with the normalizations of docs/conventions.md (null without a classifier).</summary>
    public MarginSummary? Margins(ClassStatistics stats)
    {
        if (_model.Classifier is null) return null;
        var builder = new ClassPairMarginStatisticsBuilder();
        _pairs?.AddTo(builder);
        return MarginAssembly.Summary(stats, _model.Classifier, Totals, builder.Build(), ClassPairMargins());
    }
}
