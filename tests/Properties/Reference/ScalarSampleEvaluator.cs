using Collapse.Theory.Loss;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Properties.Tests.Reference;

/// <summary>
/// TEST-ONLY REFERENCE: the scalar second pass of commit d2d7ce9, kept verbatim (renamed) so that the blocked
/// kernel of the metric engine is always compared with the implementation whose outputs the golden files hold.
/// Second streaming pass over the samples, given the class means of the first pass and optionally a classifier:
/// nearest-class-centre (NCC) decisions, and with W: logits, argmax, sample and class-pair margins, CE, log CE and
/// the smoothed margin, all accumulated in the log domain. Mergeable, memory O(K·d + K²).
/// </summary>
/// <remarks>
/// NC4 (Papyan, Han, Donoho 2020, Fig. 7): fraction of samples whose classifier decision differs from the NCC
/// decision argmin_k ||h − μ_k|| (ties: lowest index). Margins: Gao et al. (2023) p_min and γ_kl; smoothed margin:
/// Lyu &amp; Li (2020), "Gradient descent maximizes the margin of homogeneous neural networks", ICLR.
/// </remarks>
public sealed class ScalarSampleEvaluator
{
    private readonly double[] _means;   // K×d row-major
    private readonly Classifier? _classifier;
    private readonly double[]? _w;      // K×d row-major
    private readonly int _k, _d;
    private long _n, _nccCorrect, _nc4Mismatch, _correct;
    private double _minMargin = double.PositiveInfinity;
    private readonly double[] _pair;    // K×K
    private NeumaierSum _lossSum;
    private LogSumExpAccumulator _logLoss;
    private LogSumExpAccumulator _smoothed;
    private readonly double[]? _nc1Projection; // r×d row-major S⁻¹Vᵀ (rank-(K−1) nc1 route), or null
    private readonly int _nc1Rank;
    private NeumaierSum _nc1Sum;

    /// <summary>
    /// Creates the evaluator from first-pass statistics and an optional classifier. With
    /// <paramref name="projectNc1"/> it also accumulates nc1 = (1/N) Σ_i ‖S⁻¹Vᵀ(h_i − μ_{y_i})‖² (M̃ = U S Vᵀ, rank ≤ K−1):
    /// the same value as <c>Nc1.Compute</c> without the d×d scatter, at O(N·d·K) cost and O(K·d) memory.
    /// </summary>
    public ScalarSampleEvaluator(ClassStatistics stats, Classifier? classifier, bool projectNc1 = false)
    {
        _k = stats.Classes;
        _d = stats.Dim;
        _means = stats.Means.ToRowMajorArray();
        _classifier = classifier;
        if (classifier is not null)
        {
            if (classifier.Classes != _k || classifier.Dim != _d)
                throw new ArgumentException($"classifier is {classifier.Classes}×{classifier.Dim}, expected {_k}×{_d}");
            _w = classifier.WeightsRowMajor();
        }
        _pair = new double[_k * _k];
        Array.Fill(_pair, double.PositiveInfinity);
        if (projectNc1)
        {
            var (v, sv) = Collapse.Theory.Metrics.Nc1.RightSingularBasis(stats.CentredMeans());
            _nc1Rank = sv.Length;
            _nc1Projection = new double[_nc1Rank * _d];
            for (int r = 0; r < _nc1Rank; r++)
                for (int j = 0; j < _d; j++) _nc1Projection[r * _d + j] = v[j, r] / sv[r];
        }
    }

    /// <summary>Adds a batch (row-major B×d, B labels).</summary>
    public void Add(ReadOnlySpan<double> rows, ReadOnlySpan<int> labels)
    {
        int k = _k, d = _d;
        Span<double> z = stackalloc double[k];
        for (int i = 0; i < labels.Length; i++)
        {
            var h = rows.Slice(i * d, d);
            int y = labels[i];
            int ncc = 0;
            double best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double dist = 0;
                var mu = _means.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) { double t = h[j] - mu[j]; dist += t * t; }
                if (dist < best) { best = dist; ncc = c; }
            }
            if (ncc == y) _nccCorrect++;
            _n++;
            if (_nc1Projection is not null)
            {
                var muY = _means.AsSpan(y * d, d);
                double acc = 0;
                for (int r = 0; r < _nc1Rank; r++)
                {
                    var p = _nc1Projection.AsSpan(r * d, d);
                    double t = 0;
                    for (int j = 0; j < d; j++) t += p[j] * (h[j] - muY[j]);
                    acc += t * t;
                }
                _nc1Sum.Add(acc);
            }
            if (_w is null) continue;
            for (int c = 0; c < k; c++)
            {
                double s = _classifier!.Bias is null ? 0 : _classifier.Bias[c];
                var wc = _w.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) s += wc[j] * h[j];
                z[c] = s;
            }
            int arg = SampleMargin.ArgMax(z);
            if (arg != ncc) _nc4Mismatch++;
            double q = SampleMargin.Of(z, y);
            if (q > 0) _correct++;
            if (q < _minMargin) _minMargin = q;
            for (int l = 0; l < k; l++)
            {
                if (l == y) continue;
                double g = z[y] - z[l];
                ref double slot = ref _pair[y * k + l];
                if (g < slot) slot = g;
                _smoothed.Add(-g);
            }
            double a = CrossEntropy.InnerLogSum(z, y);
            _lossSum.Add(LogSumExp.Softplus(a));
            _logLoss.Add(LogSumExp.LogSoftplus(a));
        }
    }

    /// <summary>Merges another evaluator built on the same statistics and classifier.</summary>
    public void Merge(ScalarSampleEvaluator other)
    {
        _n += other._n; _nccCorrect += other._nccCorrect; _nc4Mismatch += other._nc4Mismatch; _correct += other._correct;
        _minMargin = Math.Min(_minMargin, other._minMargin);
        for (int i = 0; i < _pair.Length; i++) _pair[i] = Math.Min(_pair[i], other._pair[i]);
        _lossSum.Merge(other._lossSum);
        _logLoss.Merge(other._logLoss);
        _smoothed.Merge(other._smoothed);
        _nc1Sum.Merge(other._nc1Sum);
    }

    /// <summary>nc1 by the projected route (null unless constructed with projectNc1).</summary>
    public double? Nc1 => _nc1Projection is null ? null : _nc1Sum.Value / _n;

    /// <summary>Samples seen.</summary>
    public long Count => _n;

    /// <summary>Fraction of samples whose NCC decision equals the label (key <c>nccAccuracy</c>).</summary>
    public double NccAccuracy => (double)_nccCorrect / _n;

    /// <summary>NC4: fraction with argmax_k z_k ≠ NCC decision (null without a classifier).</summary>
    public double? Nc4 => _w is null ? null : (double)_nc4Mismatch / _n;

    /// <summary>Fraction classified correctly with a strict argmax (q_i &gt; 0).</summary>
    public double? Accuracy => _w is null ? null : (double)_correct / _n;

    /// <summary>Mean CE (natural log).</summary>
    public double? CrossEntropyMean => _w is null ? null : _lossSum.Value / _n;

    /// <summary>log CE computed in the log domain (finite when CE underflows).</summary>
    public double? LogCrossEntropy => _w is null ? null : _logLoss.Value - Math.Log(_n);

    /// <summary>p_min.</summary>
    public double? MinMargin => _w is null ? null : _minMargin;

    /// <summary>Unnormalized smoothed margin γ̃ = −LSE_{i, j≠y_i}(−(z_y − z_j)).</summary>
    public double? SmoothedMargin => _w is null ? null : -_smoothed.Value;

    /// <summary>γ_kl matrix (NaN on the diagonal and for classes without samples).</summary>
    public double[,]? ClassPairMargins()
    {
        if (_w is null) return null;
        var m = new double[_k, _k];
        for (int a = 0; a < _k; a++)
            for (int b = 0; b < _k; b++)
                m[a, b] = a == b || double.IsPositiveInfinity(_pair[a * _k + b]) ? double.NaN : _pair[a * _k + b];
        return m;
    }
}
