using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Statistics;

/// <summary>
/// Streaming per-class sufficient statistics of features: counts n_k, means μ_k, per-class sums of squared
/// deviations Σ||h − μ_k||², and the pooled within-class scatter Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ (d×d, optional),
/// plus Σ||h_i||² and max ||h_i||. Batches are merged with Chan, Golub, LeVeque (1979) pairwise updates, so any batch
/// split and any merge order give the same result up to rounding, and shards can be combined with <see cref="Merge(ClassStatisticsAccumulator)"/>.
/// Memory O(K·d + d²); never holds the samples.
/// </summary>
/// <remarks>
/// Chan, Golub, LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample variances";
/// Welford (1962). Used for the Σ_W / Σ_B statistics of Papyan, Han, Donoho (2020).
/// </remarks>
public sealed class ClassStatisticsAccumulator
{
    private readonly long[] _counts;
    private readonly double[] _means;      // K×d row-major
    private readonly double[] _m2;         // per class Σ||h − μ_k||²
    private readonly Matrix<double>? _scatter; // d×d pooled
    private double _sumSquaredNorms;
    private double _maxNorm;
    private BlockStatistics? _scratch;
    private double[]? _delta;

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dim { get; }

    /// <summary>Creates an empty accumulator; <paramref name="trackScatter"/> keeps the d×d pooled scatter (needed for nc1).</summary>
    public ClassStatisticsAccumulator(int classes, int dim, bool trackScatter = true)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes));
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim));
        Classes = classes;
        Dim = dim;
        _counts = new long[classes];
        _means = new double[classes * dim];
        _m2 = new double[classes];
        _scatter = trackScatter ? Matrix<double>.Build.Dense(dim, dim) : null;
    }

    /// <summary>Total number of samples seen.</summary>
    public long Count { get { long s = 0; foreach (var c in _counts) s += c; return s; } }

    /// <summary>
    /// Adds a batch: <paramref name="rows"/> is row-major B×d, <paramref name="labels"/> has B entries in [0, K).
    /// Labels must already be validated by the caller (an out-of-range label throws <see cref="ArgumentOutOfRangeException"/>).
    /// The batch is summarised sparsely (<see cref="BlockStatistics"/>, only the classes present) and merged.
    /// </summary>
    public void Add(ReadOnlySpan<double> rows, ReadOnlySpan<int> labels)
    {
        int b = labels.Length, d = Dim;
        if (rows.Length != b * d) throw new ArgumentException($"rows has {rows.Length} values, expected {b}×{d}");
        if (b == 0) return;
        var block = _scratch ??= new BlockStatistics();
        block.Compute(rows, labels, Classes, d, _scatter is not null);
        Merge(block);
    }

    /// <summary>
    /// Merges one block (Chan, Golub, LeVeque 1979): per present class n = n_a + n_b, δ = μ_b − μ_a,
    /// M2 += M2_b + ‖δ‖² n_a n_b / n, μ_a += δ n_b / n (element-wise), and the scatter gains the block scatter plus
    /// Σ_classes (n_a n_b / n) δδᵀ.
    /// </summary>
    public void Merge(BlockStatistics block)
    {
        if (block.ClassCount != Classes || block.Dim != Dim) throw new ArgumentException("shape mismatch", nameof(block));
        if ((block.Scatter is null) != (_scatter is null)) throw new ArgumentException("scatter tracking differs", nameof(block));
        if (block.Rows == 0) return;
        int d = Dim;
        var delta = _delta ??= new double[d];
        for (var p = 0; p < block.Present; p++)
            MergeClass(block.ClassAt(p), block.CountAt(p), block.MeanAt(p), block.M2At(p), delta);
        if (_scatter is not null) _scatter.Add(block.Scatter!, _scatter);
        _sumSquaredNorms += block.SumSquaredNorms;
        if (block.MaxNorm > _maxNorm) _maxNorm = block.MaxNorm;
    }

    private void MergeClass(int c, long nb, ReadOnlySpan<double> meanB, double m2B, double[] delta)
    {
        int d = Dim;
        if (nb == 0) return;
        long na = _counts[c];
        var meanA = _means.AsSpan(c * d, d);
        if (na == 0)
        {
            meanB.CopyTo(meanA);
            _counts[c] = nb;
            _m2[c] = m2B;
            return;
        }
        double n = na + nb;
        double dsq = 0;
        for (int j = 0; j < d; j++) { delta[j] = meanB[j] - meanA[j]; dsq += delta[j] * delta[j]; }
        double w = na * (double)nb / n;
        _m2[c] += m2B + dsq * w;
        double f = nb / n;
        for (int j = 0; j < d; j++) meanA[j] += delta[j] * f;
        _counts[c] = na + nb;
        if (_scatter is not null)
        {
            // S += w δδᵀ (rank-1 between-part of the pairwise update).
            for (int col = 0; col < d; col++)
            {
                double s = w * delta[col];
                if (s == 0) continue;
                for (int row = 0; row < d; row++) _scatter.At(row, col, _scatter.At(row, col) + s * delta[row]);
            }
        }
    }

    /// <summary>Merges the statistics of <paramref name="other"/> (same K, d) into this accumulator (Chan et al.).</summary>
    public void Merge(ClassStatisticsAccumulator other)
    {
        if (other.Classes != Classes || other.Dim != Dim) throw new ArgumentException("shape mismatch", nameof(other));
        if ((other._scatter is null) != (_scatter is null)) throw new ArgumentException("scatter tracking differs", nameof(other));
        int d = Dim;
        var delta = _delta ??= new double[d];
        for (int c = 0; c < Classes; c++)
            MergeClass(c, other._counts[c], other._means.AsSpan(c * d, d), other._m2[c], delta);
        if (_scatter is not null) _scatter.Add(other._scatter!, _scatter);
        _sumSquaredNorms += other._sumSquaredNorms;
        if (other._maxNorm > _maxNorm) _maxNorm = other._maxNorm;
    }

    /// <summary>Freezes the current statistics into an immutable <see cref="ClassStatistics"/>.</summary>
    public ClassStatistics Build()
    {
        return ClassStatistics.FromRowMajor(Classes, Dim, (long[])_counts.Clone(), (double[])_means.Clone(), (double[])_m2.Clone(),
            _scatter?.Clone(), _sumSquaredNorms, _maxNorm);
    }

    /// <summary>
    /// Writes the complete state (K, d, counts, means, M2, Σ‖h‖², max ‖h‖) so that <see cref="ReadState"/> restores an
    /// accumulator that merges bit for bit like this one (shard files). The d×d scatter is not part of a state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scatter is tracked.</exception>
    public void WriteState(BinaryWriter w)
    {
        if (_scatter is not null) throw new InvalidOperationException("a state file holds no d×d scatter; create the accumulator with trackScatter: false");
        w.Write(Classes);
        w.Write(Dim);
        foreach (var c in _counts) w.Write(c);
        foreach (var m in _means) w.Write(m);
        foreach (var m in _m2) w.Write(m);
        w.Write(_sumSquaredNorms);
        w.Write(_maxNorm);
    }

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <exception cref="InvalidDataException">Impossible sizes.</exception>
    public static ClassStatisticsAccumulator ReadState(BinaryReader r)
    {
        var k = r.ReadInt32();
        var d = r.ReadInt32();
        if (k < 1 || d < 1 || (long)k * d > int.MaxValue) throw new InvalidDataException($"state of K = {k}, d = {d} is not valid");
        var acc = new ClassStatisticsAccumulator(k, d, trackScatter: false);
        for (var c = 0; c < k; c++) acc._counts[c] = r.ReadInt64();
        for (var i = 0; i < acc._means.Length; i++) acc._means[i] = r.ReadDouble();
        for (var c = 0; c < k; c++) acc._m2[c] = r.ReadDouble();
        acc._sumSquaredNorms = r.ReadDouble();
        acc._maxNorm = r.ReadDouble();
        return acc;
    }

    /// <summary>One-shot statistics of in-memory data (row-major N×d features, N labels).</summary>
    public static ClassStatistics Of(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, int dim, bool trackScatter = true)
    {
        var acc = new ClassStatisticsAccumulator(classes, dim, trackScatter);
        acc.Add(features, labels);
        return acc.Build();
    }
}
