using System.Buffers.Binary;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.IO;

/// <summary>
/// Writes .npy files (little-endian, C order) atomically: temporary file in the same folder, then a move.
/// Doubles can be stored as float64 or float32; integers as int32, int64 or uint8 (range-checked).
/// </summary>
public static class NpyWriter
{
    private const int ChunkElements = 1 << 14;

    /// <summary>Writes <paramref name="data"/> (row-major) with <paramref name="shape"/> as <paramref name="dtype"/>
    /// (float64 or float32) in format <paramref name="version"/>.</summary>
    public static void Write(string path, ReadOnlySpan<double> data, ReadOnlySpan<long> shape, NpyDType dtype = NpyDType.Float64, int version = 1)
    {
        if (dtype is not (NpyDType.Float64 or NpyDType.Float32))
            throw new ArgumentException($"doubles are written as float64 or float32, not {dtype.NumpyName()}", nameof(dtype));
        var header = Prepare(data.Length, shape, dtype, version);
        var (stream, tmp) = AtomicFile.CreateTemp(path);
        try
        {
            using (stream)
            {
                stream.Write(header);
                WriteDoubles(stream, data, dtype);
            }
        }
        catch
        {
            AtomicFile.TryDelete(tmp);
            throw;
        }
        AtomicFile.Commit(tmp, path);
    }

    /// <summary>Writes integers with <paramref name="shape"/> as <paramref name="dtype"/> (int32, int64 or uint8).</summary>
    public static void Write(string path, ReadOnlySpan<int> data, ReadOnlySpan<long> shape, NpyDType dtype = NpyDType.Int32, int version = 1)
    {
        var copy = new long[data.Length];
        for (var i = 0; i < data.Length; i++) copy[i] = data[i];
        Write(path, copy, shape, dtype, version);
    }

    /// <summary>Writes 64-bit integers with <paramref name="shape"/> as <paramref name="dtype"/> (int32, int64 or uint8).</summary>
    public static void Write(string path, ReadOnlySpan<long> data, ReadOnlySpan<long> shape, NpyDType dtype = NpyDType.Int64, int version = 1)
    {
        if (!dtype.IsInteger())
            throw new ArgumentException($"integers are written as int32, int64 or uint8, not {dtype.NumpyName()}", nameof(dtype));
        var header = Prepare(data.Length, shape, dtype, version);
        var size = dtype.Size();
        var bytes = new byte[checked(data.Length * size)];
        for (var i = 0; i < data.Length; i++)
        {
            var v = data[i];
            switch (dtype)
            {
                case NpyDType.Int64:
                    BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), v);
                    break;
                case NpyDType.Int32:
                    if (v is > int.MaxValue or < int.MinValue) throw new ArgumentOutOfRangeException(nameof(data), v, $"element {i} does not fit in int32");
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), (int)v);
                    break;
                default:
                    if (v is > byte.MaxValue or < 0) throw new ArgumentOutOfRangeException(nameof(data), v, $"element {i} does not fit in uint8");
                    bytes[i] = (byte)v;
                    break;
            }
        }
        AtomicFile.Write(path, s =>
        {
            s.Write(header);
            s.Write(bytes);
        });
    }

    /// <summary>Writes a rank-1 float64 (or float32) vector.</summary>
    public static void WriteVector(string path, ReadOnlySpan<double> data, NpyDType dtype = NpyDType.Float64) =>
        Write(path, data, [data.Length], dtype);

    /// <summary>Writes a rank-1 int32 (or int64, uint8) label vector.</summary>
    public static void WriteLabels(string path, ReadOnlySpan<int> labels, NpyDType dtype = NpyDType.Int32) =>
        Write(path, labels, [labels.Length], dtype);

    /// <summary>Writes a rank-2 row-major matrix (<paramref name="rows"/> × <paramref name="columns"/>).</summary>
    public static void WriteMatrix(string path, ReadOnlySpan<double> rowMajor, int rows, int columns, NpyDType dtype = NpyDType.Float64) =>
        Write(path, rowMajor, [rows, columns], dtype);

    /// <summary>Writes a MathNet matrix as a rank-2 C-order array.</summary>
    public static void WriteMatrix(string path, Matrix<double> matrix, NpyDType dtype = NpyDType.Float64)
    {
        var data = new double[matrix.RowCount * matrix.ColumnCount];
        for (var i = 0; i < matrix.RowCount; i++)
            for (var j = 0; j < matrix.ColumnCount; j++)
                data[(i * matrix.ColumnCount) + j] = matrix[i, j];
        WriteMatrix(path, data, matrix.RowCount, matrix.ColumnCount, dtype);
    }

    private static byte[] Prepare(int length, ReadOnlySpan<long> shape, NpyDType dtype, int version)
    {
        long n = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException("shape entries must be non-negative", nameof(shape));
            n = checked(n * s);
        }
        if (n != length) throw new ArgumentException($"shape {NpyHeader.FormatShape(shape.ToArray())} holds {n} elements, data has {length}", nameof(shape));
        return NpyHeaderCodec.Encode(dtype, shape, version);
    }

    /// <summary>Appends doubles to <paramref name="stream"/> as little-endian float64 or float32.</summary>
    internal static void WriteDoubles(Stream stream, ReadOnlySpan<double> data, NpyDType dtype)
    {
        var size = dtype.Size();
        var buffer = new byte[Math.Min(data.Length, ChunkElements) * size];
        for (var start = 0; start < data.Length; start += ChunkElements)
        {
            var count = Math.Min(ChunkElements, data.Length - start);
            var span = buffer.AsSpan(0, count * size);
            var src = data.Slice(start, count);
            if (dtype == NpyDType.Float64)
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 8)..], src[i]);
            else
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], (float)src[i]);
            stream.Write(span);
        }
    }
}
