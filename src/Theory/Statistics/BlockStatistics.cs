using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Statistics;

/// <summary>
/// Statistics of one block of rows, stored sparsely: only the classes present in the block get a slot (so a block of
/// B rows costs O(B·d) however large K is). Per present class: the count, the block mean (class sum over the rows in
/// row order, times 1/n_b) and Σ‖h − μ_b‖² from the deviations to the block mean (two-pass within the block, which is
/// stable); plus Σ‖h‖², max ‖h‖ and optionally the pooled d×d scatter of the deviations. The block is then folded
/// into a <see cref="ClassStatisticsAccumulator"/> by the Chan, Golub, LeVeque (1979) pairwise update. A block object
/// is reusable (its buffers grow to the largest block seen), so a thread computes block after block without allocating.
/// </summary>
public sealed class BlockStatistics
{
    private int[] _slotOfClass = [];  // K entries, −1 = absent (reset after each block)
    private int[] _classes = [];      // present classes, ascending
    private long[] _counts = [];
    private double[] _means = [];     // slots × d
    private double[] _m2 = [];

    /// <summary>K.</summary>
    public int ClassCount { get; private set; }

    /// <summary>d.</summary>
    public int Dim { get; private set; }

    /// <summary>Rows in the block.</summary>
    public int Rows { get; private set; }

    /// <summary>Number of classes present.</summary>
    public int Present { get; private set; }

    /// <summary>Σ‖h_i‖² over the block.</summary>
    public double SumSquaredNorms { get; private set; }

    /// <summary>max ‖h_i‖ over the block.</summary>
    public double MaxNorm { get; private set; }

    /// <summary>Pooled scatter of the deviations from the block class means (d×d), or null when not tracked.</summary>
    public Matrix<double>? Scatter { get; private set; }

    /// <summary>Present class number <paramref name="slot"/> (ascending class index).</summary>
    public int ClassAt(int slot) => _classes[slot];

    /// <summary>n_b of the class in <paramref name="slot"/>.</summary>
    public long CountAt(int slot) => _counts[slot];

    /// <summary>Block mean of the class in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<double> MeanAt(int slot) => _means.AsSpan(slot * Dim, Dim);

    /// <summary>Σ‖h − μ_b‖² of the class in <paramref name="slot"/>.</summary>
    public double M2At(int slot) => _m2[slot];

    /// <summary>
    /// Computes the statistics of <paramref name="rows"/> (row-major B×d) with <paramref name="labels"/> (B entries,
    /// already validated to lie in [0, K)), replacing the previous content.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A label outside [0, K).</exception>
    public void Compute(ReadOnlySpan<double> rows, ReadOnlySpan<int> labels, int classes, int dim, bool trackScatter)
    {
        int b = labels.Length, d = dim;
        if (rows.Length != (long)b * d) throw new ArgumentException($"rows has {rows.Length} values, expected {b}×{d}");
        ClassCount = classes;
        Dim = d;
        Rows = b;
        if (_slotOfClass.Length < classes)
        {
            _slotOfClass = new int[classes];
            Array.Fill(_slotOfClass, -1);
        }
        // Present classes (ascending) and their slots.
        Grow(Math.Min(b, classes), d);
        var present = 0;
        for (var i = 0; i < b; i++)
        {
            var y = labels[i];
            if ((uint)y >= (uint)classes) { Reset(present); throw new ArgumentOutOfRangeException(nameof(labels), $"label {y} at index {i} is outside [0, {classes})"); }
            if (_slotOfClass[y] < 0) { _slotOfClass[y] = present; _classes[present++] = y; }
        }
        Array.Sort(_classes, 0, present);
        for (var p = 0; p < present; p++) _slotOfClass[_classes[p]] = p;
        Present = present;
        Array.Clear(_counts, 0, present);
        Array.Clear(_m2, 0, present);
        _means.AsSpan(0, present * d).Clear();

        // Class sums in row order (element-wise, so the same bits as a scalar loop), Σ‖h‖², max ‖h‖.
        double sumSq = 0, maxNorm = 0;
        for (var i = 0; i < b; i++)
        {
            var slot = _slotOfClass[labels[i]];
            _counts[slot]++;
            var row = rows.Slice(i * d, d);
            AddInPlace(_means.AsSpan(slot * d, d), row);
            var sq = SumOfSquares(row);
            sumSq += sq;
            var norm = Math.Sqrt(sq);
            if (norm > maxNorm) maxNorm = norm;
        }
        SumSquaredNorms = sumSq;
        MaxNorm = maxNorm;
        for (var p = 0; p < present; p++)
        {
            var inv = 1.0 / _counts[p];
            ScaleInPlace(_means.AsSpan(p * d, d), inv);
        }
        // Deviations from the block class means.
        double[]? centred = trackScatter ? new double[b * d] : null;
        for (var i = 0; i < b; i++)
        {
            var slot = _slotOfClass[labels[i]];
            var row = rows.Slice(i * d, d);
            var mean = _means.AsSpan(slot * d, d);
            _m2[slot] += centred is null ? SquaredDistance(row, mean) : Deviation(row, mean, centred.AsSpan(i * d, d));
        }
        if (centred is not null)
        {
            var a = Matrix<double>.Build.Dense(d, b, centred); // column-major d×B view of the row-major deviations
            Scatter = Matrix<double>.Build.Dense(d, d);
            a.TransposeAndMultiply(a, Scatter);
        }
        else Scatter = null;
        Reset(present);
    }

    private void Reset(int present)
    {
        for (var p = 0; p < present; p++) _slotOfClass[_classes[p]] = -1;
    }

    private void Grow(int present, int d)
    {
        if (_classes.Length < present)
        {
            var n = Math.Max(present, _classes.Length * 2);
            _classes = new int[n];
            _counts = new long[n];
            _m2 = new double[n];
        }
        if (_means.Length < present * d) _means = new double[Math.Max(present * d, _means.Length * 2)];
    }

    private static void AddInPlace(Span<double> acc, ReadOnlySpan<double> x)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= x.Length; j += 8)
                (Vector512.Create(acc.Slice(j, 8)) + Vector512.Create(x.Slice(j, 8))).CopyTo(acc.Slice(j, 8));
        for (; j < x.Length; j++) acc[j] += x[j];
    }

    private static void ScaleInPlace(Span<double> acc, double f)
    {
        for (var j = 0; j < acc.Length; j++) acc[j] *= f;
    }

    /// <summary>Σ x_j² with 512-bit lane accumulation.</summary>
    internal static double SumOfSquares(ReadOnlySpan<double> x)
    {
        var j = 0;
        var acc = Vector512<double>.Zero;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= x.Length; j += 8)
            {
                var v = Vector512.Create(x.Slice(j, 8));
                acc += v * v;
            }
        var s = Vector512.Sum(acc);
        for (; j < x.Length; j++) s += x[j] * x[j];
        return s;
    }

    /// <summary>Σ (x_j − m_j)² with 512-bit lane accumulation.</summary>
    internal static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> m)
    {
        var j = 0;
        var acc = Vector512<double>.Zero;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= x.Length; j += 8)
            {
                var v = Vector512.Create(x.Slice(j, 8)) - Vector512.Create(m.Slice(j, 8));
                acc += v * v;
            }
        var s = Vector512.Sum(acc);
        for (; j < x.Length; j++)
        {
            var t = x[j] - m[j];
            s += t * t;
        }
        return s;
    }

    private static double Deviation(ReadOnlySpan<double> x, ReadOnlySpan<double> m, Span<double> dev)
    {
        double s = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var t = x[j] - m[j];
            dev[j] = t;
            s += t * t;
        }
        return s;
    }
}
