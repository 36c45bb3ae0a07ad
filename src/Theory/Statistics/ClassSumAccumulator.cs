using System.Runtime.Intrinsics;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Statistics;

/// <summary>
/// Pass 1 of the metric engine: per-class counts and class sums Σ_{y_i=k} h_i kept as double-double values (running
/// sum plus its rounding error, Knuth's TwoSum; Ogita, Rump, Oishi 2005, "Accurate sum and dot product"), Σ‖h_i‖²
/// (compensated) and max ‖h_i‖. The mean is μ_k = fl(fl(S_hi + S_lo) · fl(1/n_k)). Because the class sums are
/// accurate to about 2⁻¹⁰⁶ before the single rounding, the means come out bit-identical however the rows are split
/// into blocks, threads or shards (except for sums within ~10⁻³² of a rounding boundary; exactly so whenever the
/// plain sums are exact, e.g. integer features) — so nearest-centre ties, too, fall the same way for every split.
/// The within-class sums Σ‖h − μ_k‖² are then taken in pass 2 with these final means (the stable two-pass form,
/// first-order insensitive to the rounding of μ_k). Memory O(K·d); blocks are summarised sparsely
/// (<see cref="ClassSumBlock"/>) and merged in block order.
/// </summary>
public sealed class ClassSumAccumulator
{
    private readonly long[] _counts;
    private readonly double[] _hi, _lo; // K×d row-major
    private NeumaierSum _sumSquaredNorms;
    private double _maxNorm;
    private double _maxAbs;

    /// <summary>Creates an empty accumulator.</summary>
    public ClassSumAccumulator(int classes, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        Classes = classes;
        Dim = dim;
        _counts = new long[classes];
        _hi = new double[checked(classes * dim)];
        _lo = new double[_hi.Length];
    }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>d.</summary>
    public int Dim { get; }

    /// <summary>Rows seen.</summary>
    public long Count => _counts.Sum();

    /// <summary>Adds one block (Chan-free: double-double addition of the block sums).</summary>
    public void Merge(ClassSumBlock block)
    {
        if (_built) throw new InvalidOperationException("BuildInPlace has consumed this accumulator");
        if (block.Classes != Classes || block.Dim != Dim) throw new ArgumentException("shape mismatch", nameof(block));
        var d = Dim;
        for (var p = 0; p < block.Present; p++)
        {
            var c = block.ClassAt(p);
            _counts[c] += block.CountAt(p);
            AddDoubleDouble(_hi.AsSpan(c * d, d), _lo.AsSpan(c * d, d), block.HiAt(p), block.LoAt(p));
        }
        _sumSquaredNorms.Merge(block.SumSquaredNorms);
        if (block.MaxNorm > _maxNorm) _maxNorm = block.MaxNorm;
        _maxAbs = Math.Max(_maxAbs, block.MaxAbs);
    }

    /// <summary>Adds another accumulator (a shard), double-double.</summary>
    public void Merge(ClassSumAccumulator other)
    {
        if (other.Classes != Classes || other.Dim != Dim) throw new ArgumentException("shape mismatch", nameof(other));
        for (var c = 0; c < Classes; c++) _counts[c] += other._counts[c];
        AddDoubleDouble(_hi, _lo, other._hi, other._lo);
        _sumSquaredNorms.Merge(other._sumSquaredNorms);
        if (other._maxNorm > _maxNorm) _maxNorm = other._maxNorm;
        _maxAbs = Math.Max(_maxAbs, other._maxAbs);
    }

    /// <summary>(hi, lo) += (h, l) element-wise: TwoSum of the leading parts, the trailing parts and the error added.</summary>
    internal static void AddDoubleDouble(Span<double> hi, Span<double> lo, ReadOnlySpan<double> h, ReadOnlySpan<double> l)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= hi.Length; j += 8)
            {
                var a = Vector512.Create((ReadOnlySpan<double>)hi.Slice(j, 8));
                var b = Vector512.Create(h.Slice(j, 8));
                var s = a + b;
                var bp = s - a;
                var e = (a - (s - bp)) + (b - bp);
                s.CopyTo(hi.Slice(j, 8));
                (Vector512.Create((ReadOnlySpan<double>)lo.Slice(j, 8)) + (Vector512.Create(l.Slice(j, 8)) + e)).CopyTo(lo.Slice(j, 8));
            }
        for (; j < hi.Length; j++)
        {
            double a = hi[j], b = h[j];
            var s = a + b;
            var bp = s - a;
            var e = (a - (s - bp)) + (b - bp);
            hi[j] = s;
            lo[j] += l[j] + e;
        }
    }

    /// <summary>
    /// The statistics: counts, means μ_k = fl(S_k · (1/n_k)), Σ‖h‖², max ‖h‖; the per-class Σ‖h − μ_k‖² are
    /// <paramref name="within"/> when given (from pass 2), else NaN (not known after pass 1).
    /// </summary>
    public ClassStatistics Build(double[]? within = null)
    {
        var d = Dim;
        var means = new double[_hi.Length];
        for (var c = 0; c < Classes; c++)
        {
            if (_counts[c] == 0) continue;
            var inv = 1.0 / _counts[c];
            for (var j = 0; j < d; j++) means[c * d + j] = (_hi[c * d + j] + _lo[c * d + j]) * inv;
        }
        var m2 = within ?? Enumerable.Repeat(double.NaN, Classes).ToArray();
        return ClassStatistics.FromRowMajor(Classes, d, (long[])_counts.Clone(), means, m2, null, _sumSquaredNorms.Value, _maxNorm) with { MaxAbs = _maxAbs };
    }

    /// <summary>
    /// As <see cref="Build"/>, but the means are written into the accumulator's own K×d array (no second copy); the
    /// accumulator must not be used afterwards.
    /// </summary>
    public ClassStatistics BuildInPlace()
    {
        var d = Dim;
        for (var c = 0; c < Classes; c++)
        {
            var inv = _counts[c] == 0 ? 0 : 1.0 / _counts[c];
            for (var j = 0; j < d; j++) _hi[c * d + j] = (_hi[c * d + j] + _lo[c * d + j]) * inv;
        }
        _built = true;
        return ClassStatistics.FromRowMajor(Classes, d, (long[])_counts.Clone(), _hi,
            Enumerable.Repeat(double.NaN, Classes).ToArray(), null, _sumSquaredNorms.Value, _maxNorm) with
        { MaxAbs = _maxAbs };
    }

    private bool _built;

    /// <summary>Writes the complete state (shard files); <see cref="ReadState"/> restores it bit for bit.</summary>
    public void WriteState(BinaryWriter w)
    {
        w.Write(Classes);
        w.Write(Dim);
        foreach (var c in _counts) w.Write(c);
        foreach (var v in _hi) w.Write(v);
        foreach (var v in _lo) w.Write(v);
        var (s, comp) = _sumSquaredNorms.Parts;
        w.Write(s);
        w.Write(comp);
        w.Write(_maxNorm);
        w.Write(_maxAbs);
    }

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <exception cref="InvalidDataException">Impossible sizes.</exception>
    public static ClassSumAccumulator ReadState(BinaryReader r)
    {
        var k = r.ReadInt32();
        var d = r.ReadInt32();
        if (k < 1 || d < 1 || (long)k * d > int.MaxValue) throw new InvalidDataException($"state of K = {k}, d = {d} is not valid");
        var acc = new ClassSumAccumulator(k, d);
        for (var c = 0; c < k; c++) acc._counts[c] = r.ReadInt64();
        for (var i = 0; i < acc._hi.Length; i++) acc._hi[i] = r.ReadDouble();
        for (var i = 0; i < acc._lo.Length; i++) acc._lo[i] = r.ReadDouble();
        acc._sumSquaredNorms = NeumaierSum.FromParts(r.ReadDouble(), r.ReadDouble());
        acc._maxNorm = r.ReadDouble();
        acc._maxAbs = r.ReadDouble();
        return acc;
    }
}

/// <summary>
/// The class sums of one block of rows for <see cref="ClassSumAccumulator"/>, sparse (only the classes present get a
/// slot): count and double-double sum per present class, in row order; Σ‖h‖² compensated; max ‖h‖. Reusable.
/// </summary>
public sealed class ClassSumBlock
{
    private int[] _slotOfClass = [];
    private int[] _classes = [];
    private long[] _counts = [];
    private double[] _hi = [], _lo = [];

    /// <summary>K.</summary>
    public int Classes { get; private set; }

    /// <summary>d.</summary>
    public int Dim { get; private set; }

    /// <summary>Classes present.</summary>
    public int Present { get; private set; }

    /// <summary>Σ‖h_i‖² of the block (compensated).</summary>
    public NeumaierSum SumSquaredNorms { get; private set; }

    /// <summary>max ‖h_i‖ of the block.</summary>
    public double MaxNorm { get; private set; }

    /// <summary>max |h_ij| of the block (NaN if a value is NaN).</summary>
    public double MaxAbs { get; private set; }

    /// <summary>Class of slot <paramref name="p"/> (ascending).</summary>
    public int ClassAt(int p) => _classes[p];

    /// <summary>Rows of the class in slot <paramref name="p"/>.</summary>
    public long CountAt(int p) => _counts[p];

    /// <summary>Leading part of the class sum in slot <paramref name="p"/>.</summary>
    public ReadOnlySpan<double> HiAt(int p) => _hi.AsSpan(p * Dim, Dim);

    /// <summary>Trailing part of the class sum in slot <paramref name="p"/>.</summary>
    public ReadOnlySpan<double> LoAt(int p) => _lo.AsSpan(p * Dim, Dim);

    /// <summary>Summarises <paramref name="rows"/> (B×d row-major) with labels in [0, K).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label outside [0, K).</exception>
    public void Compute(ReadOnlySpan<double> rows, ReadOnlySpan<int> labels, int classes, int dim)
    {
        int b = labels.Length, d = dim;
        if (rows.Length != (long)b * d) throw new ArgumentException($"rows has {rows.Length} values, expected {b}×{d}");
        Classes = classes;
        Dim = d;
        if (_slotOfClass.Length < classes)
        {
            _slotOfClass = new int[classes];
            Array.Fill(_slotOfClass, -1);
        }
        var cap = Math.Min(b, classes);
        if (_classes.Length < cap)
        {
            _classes = new int[cap];
            _counts = new long[cap];
        }
        if (_hi.Length < (long)cap * d)
        {
            _hi = new double[cap * d];
            _lo = new double[cap * d];
        }
        var present = 0;
        for (var i = 0; i < b; i++)
        {
            var y = labels[i];
            if ((uint)y >= (uint)classes)
            {
                for (var p = 0; p < present; p++) _slotOfClass[_classes[p]] = -1;
                throw new ArgumentOutOfRangeException(nameof(labels), $"label {y} at index {i} is outside [0, {classes})");
            }
            if (_slotOfClass[y] < 0) { _slotOfClass[y] = present; _classes[present++] = y; }
        }
        Array.Sort(_classes, 0, present);
        for (var p = 0; p < present; p++) _slotOfClass[_classes[p]] = p;
        Present = present;
        Array.Clear(_counts, 0, present);
        _hi.AsSpan(0, present * d).Clear();
        _lo.AsSpan(0, present * d).Clear();
        var sq = new NeumaierSum();
        double maxNorm = 0, maxAbs = 0;
        for (var i = 0; i < b; i++)
        {
            var p = _slotOfClass[labels[i]];
            _counts[p]++;
            var row = rows.Slice(i * d, d);
            TwoSumRow(_hi.AsSpan(p * d, d), _lo.AsSpan(p * d, d), row);
            var s = BlockStatistics.SumOfSquares(row);
            sq.Add(s);
            var norm = Math.Sqrt(s);
            if (norm > maxNorm) maxNorm = norm;
            maxAbs = Math.Max(maxAbs, RobustNorm.MaxAbs(row));
        }
        SumSquaredNorms = sq;
        MaxNorm = maxNorm;
        MaxAbs = maxAbs;
        for (var p = 0; p < present; p++) _slotOfClass[_classes[p]] = -1;
    }

    private static void TwoSumRow(Span<double> hi, Span<double> lo, ReadOnlySpan<double> x)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 8 <= x.Length; j += 8)
            {
                var a = Vector512.Create((ReadOnlySpan<double>)hi.Slice(j, 8));
                var b = Vector512.Create(x.Slice(j, 8));
                var s = a + b;
                var bp = s - a;
                var e = (a - (s - bp)) + (b - bp);
                s.CopyTo(hi.Slice(j, 8));
                (Vector512.Create((ReadOnlySpan<double>)lo.Slice(j, 8)) + e).CopyTo(lo.Slice(j, 8));
            }
        for (; j < x.Length; j++)
        {
            double a = hi[j], b = x[j];
            var s = a + b;
            var bp = s - a;
            var e = (a - (s - bp)) + (b - bp);
            hi[j] = s;
            lo[j] += e;
        }
    }
}
