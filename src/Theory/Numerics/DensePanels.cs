using System.Numerics;
using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// The right operand B (n×d, row-major: one row per output column, e.g. one class mean or one classifier row) of
/// <see cref="DenseGemm"/> packed into column panels of <see cref="Width"/> rows of B: panel p holds, for every
/// j = 0..d−1, the <see cref="Width"/> values B[p·Width + q, j] contiguously, so that the micro-kernel reads one panel
/// sequentially. Rows past n are zero. Packing costs one copy of B; a panel set is immutable and shared by threads.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class DensePanels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private DensePanels(int rows, int depth, T[] data)
    {
        Rows = rows;
        Depth = depth;
        Panels = (rows + Width - 1) / Width;
        Data = data;
    }

    /// <summary>An empty panel set with room for <paramref name="rows"/>×<paramref name="depth"/> (fill it with <see cref="Repack{TSource}"/>).</summary>
    public static DensePanels<T> WithCapacity(int rows, int depth) =>
        new(0, depth, new T[checked((long)((rows + Width - 1) / Width) * depth * Width)]);

    /// <summary>
    /// Packs new rows into this panel set's buffer (no allocation when they fit; a buffer reused by one thread at a
    /// time, e.g. for the tiles of a Gram product).
    /// </summary>
    public DensePanels<T> Repack<TSource>(ReadOnlySpan<TSource> b, int rows)
        where TSource : unmanaged, INumberBase<TSource>
    {
        var w = Width;
        var panels = (rows + w - 1) / w;
        if ((long)panels * Depth * w > Data.Length) return Pack(b, rows, Depth);
        var packed = new DensePanels<T>(rows, Depth, Data);
        packed.Fill(b);
        return packed;
    }

    private void Fill<TSource>(ReadOnlySpan<TSource> b) where TSource : unmanaged, INumberBase<TSource>
    {
        var w = Width;
        var depth = Depth;
        Array.Clear(Data, 0, Panels * depth * w);
        for (var p = 0; p < Panels; p++)
        {
            var baseIndex = (long)p * depth * w;
            var count = Math.Min(w, Rows - p * w);
            for (var q = 0; q < count; q++)
            {
                var row = b.Slice((p * w + q) * depth, depth);
                for (var j = 0; j < depth; j++) Data[baseIndex + (long)j * w + q] = T.CreateTruncating(row[j]);
            }
        }
    }

    /// <summary>Rows of B per panel: two 512-bit vectors (16 doubles or 32 floats).</summary>
    public static int Width => 2 * Vector512<T>.Count;

    /// <summary>n, the rows of B (columns of the product).</summary>
    public int Rows { get; }

    /// <summary>d, the shared inner dimension.</summary>
    public int Depth { get; }

    /// <summary>Number of panels ⌈n / Width⌉.</summary>
    public int Panels { get; }

    /// <summary>Panels · Width: the row stride an output of <see cref="DenseGemm"/> needs at least.</summary>
    public int PaddedRows => Panels * Width;

    /// <summary>Packed values, panel after panel, [j][q] within a panel.</summary>
    internal T[] Data { get; }

    /// <summary>Packs <paramref name="rows"/> rows of length <paramref name="depth"/> (row-major) converted to T.</summary>
    public static DensePanels<T> Pack<TSource>(ReadOnlySpan<TSource> b, int rows, int depth)
        where TSource : unmanaged, INumberBase<TSource>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        if (b.Length < (long)rows * depth) throw new ArgumentException($"B holds {b.Length} values, {rows}×{depth} need {(long)rows * depth}", nameof(b));
        var w = Width;
        var panels = (rows + w - 1) / w;
        var packed = new DensePanels<T>(rows, depth, new T[checked((long)panels * depth * w)]);
        packed.Fill(b);
        return packed;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => (long)Data.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
