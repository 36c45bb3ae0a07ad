namespace Collapse.Theory.Margins;

/// <summary>
/// Rows [Lo, Hi) of the class-pair margin matrix γ_kl = min_{y_i=k}(z_ik − z_il) (each row K wide, +∞ until a sample
/// of class k is seen; the diagonal stays +∞). Holding a band of rows instead of K×K keeps the second pass at
/// O((Hi − Lo)·K) memory: the engine visits the samples class band by class band. Merging is an element-wise min,
/// which is exact, so any order of rows, threads or shards gives the same bits.
/// </summary>
public sealed class PairMarginBlock
{
    private readonly double[] _gamma;

    /// <summary>Creates the band [<paramref name="lo"/>, <paramref name="hi"/>) of a K-class matrix, with room for
    /// <paramref name="capacity"/> rows (default hi − lo) so that <see cref="Reset"/> can move it to later bands.</summary>
    public PairMarginBlock(int classes, int lo, int hi, int? capacity = null)
    {
        if (lo < 0 || hi > classes || lo > hi) throw new ArgumentOutOfRangeException(nameof(lo), $"band [{lo}, {hi}) outside [0, {classes})");
        Classes = classes;
        Lo = lo;
        Hi = hi;
        Capacity = Math.Max(capacity ?? hi - lo, hi - lo);
        _gamma = new double[checked((long)Capacity * classes)];
        Array.Fill(_gamma, double.PositiveInfinity);
    }

    /// <summary>Rows the block can hold.</summary>
    public int Capacity { get; }

    /// <summary>Moves the block to the band [<paramref name="lo"/>, <paramref name="hi"/>) and resets it to +∞.</summary>
    public void Reset(int lo, int hi)
    {
        if (lo < 0 || hi > Classes || lo > hi || hi - lo > Capacity) throw new ArgumentOutOfRangeException(nameof(lo), $"band [{lo}, {hi}) does not fit");
        Lo = lo;
        Hi = hi;
        _gamma.AsSpan(0, (hi - lo) * Classes).Fill(double.PositiveInfinity);
    }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>First class of the band.</summary>
    public int Lo { get; private set; }

    /// <summary>One past the last class of the band.</summary>
    public int Hi { get; private set; }

    /// <summary>Whether class <paramref name="k"/> is in the band.</summary>
    public bool Holds(int k) => k >= Lo && k < Hi;

    /// <summary>Row k (K entries; +∞ where no sample was seen or on the diagonal).</summary>
    public Span<double> Row(int k) => _gamma.AsSpan((k - Lo) * Classes, Classes);

    /// <summary>Element-wise min with another band of the same rows.</summary>
    public void Merge(PairMarginBlock other)
    {
        if (other.Lo != Lo || other.Hi != Hi || other.Classes != Classes) throw new ArgumentException("band mismatch", nameof(other));
        var n = (Hi - Lo) * Classes;
        for (var i = 0; i < n; i++) if (other._gamma[i] < _gamma[i]) _gamma[i] = other._gamma[i];
    }

    /// <summary>Adds every row of the band to <paramref name="builder"/> in class order.</summary>
    public void AddTo(ClassPairMarginStatisticsBuilder builder)
    {
        for (var k = Lo; k < Hi; k++) builder.AddRow(k, Row(k));
    }

    /// <summary>Copies the band into rows Lo..Hi−1 of a K×K matrix (NaN on the diagonal and where no sample was seen).</summary>
    public void CopyTo(double[,] matrix)
    {
        for (var k = Lo; k < Hi; k++)
        {
            var row = Row(k);
            for (var l = 0; l < Classes; l++) matrix[k, l] = k == l || double.IsPositiveInfinity(row[l]) ? double.NaN : row[l];
        }
    }
}
