namespace Collapse.Theory.IO;

/// <summary>
/// Reads .npy files (NumPy format versions 1.0–3.0; little-endian; C order; float32, float64, int32, int64, uint8).
/// Every problem with a file is an <see cref="InputException"/> whose one-line message starts with the path.
/// For large feature files use <see cref="NpyRowReader"/>, which streams rows instead of loading the array.
/// </summary>
public static class NpyReader
{
    /// <summary>Reads and validates the header of <paramref name="path"/> (including the data length).</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = NpyFiles.OpenRead(path);
        return NpyHeaderCodec.Read(stream, stream.Length, path);
    }

    /// <summary>Reads a whole array of any rank as doubles.</summary>
    public static NpyArray Read(string path) => Read(path, expectedRank: null);

    /// <summary>Reads a rank-2 array (rows × columns) as doubles, e.g. a classifier W (K×d).</summary>
    /// <exception cref="InputException">The file is not a valid rank-2 .npy array.</exception>
    public static NpyArray ReadMatrix(string path) => Read(path, expectedRank: 2);

    /// <summary>Reads a rank-1 array as doubles, e.g. a bias b (length K).</summary>
    /// <exception cref="InputException">The file is not a valid rank-1 .npy array.</exception>
    public static double[] ReadVector(string path) => Read(path, expectedRank: 1).Data;

    /// <summary>
    /// Reads a rank-1 integer array (int32, int64 or uint8) of labels. Values must fit in <see cref="int"/>; range
    /// checks against K are done by <see cref="Validation.InputValidation"/>.
    /// </summary>
    /// <exception cref="InputException">Not a valid rank-1 integer .npy array, or a value outside the int range.</exception>
    public static int[] ReadLabels(string path)
    {
        using var stream = NpyFiles.OpenRead(path);
        var header = NpyHeaderCodec.Read(stream, stream.Length, path);
        RequireRank(header, 1);
        if (!header.DType.IsInteger())
            throw new InputException($"{path}: labels must have an integer dtype (int32, int64 or uint8), got {header.DType.NumpyName()}");
        var n = CheckedLength(header);
        var labels = new int[n];
        const int chunk = 1 << 16;
        var size = header.DType.Size();
        var buffer = new byte[Math.Min(n, chunk) * size];
        for (var start = 0; start < n; start += chunk)
        {
            var count = Math.Min(chunk, n - start);
            NpyFiles.ReadExactly(stream, buffer.AsSpan(0, count * size), path, "data");
            for (var i = 0; i < count; i++)
            {
                var v = NpyConvert.IntegerAt(buffer, header.DType, i);
                if (v is > int.MaxValue or < int.MinValue)
                    throw new InputException($"{path}: label at index {start + i} is {v}, which is not a valid class index");
                labels[start + i] = (int)v;
            }
        }
        return labels;
    }

    private static NpyArray Read(string path, int? expectedRank)
    {
        using var stream = NpyFiles.OpenRead(path);
        var header = NpyHeaderCodec.Read(stream, stream.Length, path);
        if (expectedRank is { } rank) RequireRank(header, rank);
        var n = CheckedLength(header);
        var data = new double[n];
        const int chunk = 1 << 16;
        var size = header.DType.Size();
        var buffer = new byte[Math.Min(n, chunk) * size];
        for (var start = 0; start < n; start += chunk)
        {
            var count = Math.Min(chunk, n - start);
            NpyFiles.ReadExactly(stream, buffer.AsSpan(0, count * size), path, "data");
            NpyConvert.ToDouble(buffer.AsSpan(0, count * size), header.DType, data.AsSpan(start, count));
        }
        return new NpyArray(data, header.Shape, header.DType);
    }

    private static void RequireRank(NpyHeader header, int rank)
    {
        if (header.Rank == rank) return;
        var what = rank == 1 ? "a rank-1 array" : rank == 2 ? "a rank-2 array (rows × columns)" : $"a rank-{rank} array";
        throw new InputException($"{header.Path}: expected {what}, got shape {header.ShapeText}");
    }

    private static int CheckedLength(NpyHeader header)
    {
        var n = header.ElementCount;
        if (n > Array.MaxLength)
            throw new InputException($"{header.Path}: shape {header.ShapeText} has {n} elements, too many to load at once");
        return (int)n;
    }
}
