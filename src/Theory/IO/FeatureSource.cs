using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Collapse.Theory.IO;

/// <summary>
/// Random access to the rows of an N×d feature matrix for the metric passes: any row range, from any thread at once.
/// Implemented for .npy files (<see cref="NpyFeatureSource"/>, positioned reads, nothing held but one buffer per
/// thread) and for data in memory.
/// </summary>
public interface IFeatureSource
{
    /// <summary>N.</summary>
    int Rows { get; }

    /// <summary>d.</summary>
    int Dim { get; }

    /// <summary>Whether the stored values are float32 (then <see cref="Read"/> gives them exactly in float32 too).</summary>
    bool StoresFloat32 { get; }

    /// <summary>The file name or "features", for messages.</summary>
    string Name { get; }

    /// <summary>
    /// Reads rows [<paramref name="first"/>, first + <paramref name="count"/>) row-major into <paramref name="destination"/>
    /// (as float64) and, when <paramref name="destination32"/> is not empty and <see cref="StoresFloat32"/>, also as the
    /// stored float32 values. Thread-safe.
    /// </summary>
    void Read(int first, int count, Span<double> destination, Span<float> destination32);
}

/// <summary>Rows of an in-memory row-major N×d array of doubles.</summary>
/// <param name="data">N×d values.</param>
/// <param name="dim">d.</param>
/// <param name="name">Name for messages.</param>
public sealed class ArrayFeatureSource(ReadOnlyMemory<double> data, int dim, string name = "features") : IFeatureSource
{
    /// <inheritdoc />
    public int Rows { get; } = dim == 0 ? 0 : data.Length / dim;

    /// <inheritdoc />
    public int Dim => dim;

    /// <inheritdoc />
    public bool StoresFloat32 => false;

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public void Read(int first, int count, Span<double> destination, Span<float> destination32) =>
        data.Span.Slice(first * dim, count * dim).CopyTo(destination);

    /// <summary>The rows [first, first + count) without a copy.</summary>
    public ReadOnlySpan<double> Slice(int first, int count) => data.Span.Slice(first * dim, count * dim);
}

/// <summary>
/// Rows of a rank-2 .npy file (float32, float64, or integer types read as doubles), read with positioned reads
/// (<see cref="RandomAccess"/>), so several threads read different chunks of the same file at once. The header and
/// the file length are validated on open.
/// </summary>
public sealed class NpyFeatureSource : IFeatureSource, IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly long _rowBytes;
    [ThreadStatic] private static byte[]? _buffer;

    private NpyFeatureSource(SafeFileHandle handle, NpyHeader header)
    {
        _handle = handle;
        Header = header;
        Rows = (int)header.Shape[0];
        Dim = (int)header.Shape[1];
        _rowBytes = (long)Dim * header.DType.Size();
    }

    /// <summary>The validated header.</summary>
    public NpyHeader Header { get; }

    /// <inheritdoc />
    public int Rows { get; }

    /// <inheritdoc />
    public int Dim { get; }

    /// <inheritdoc />
    public bool StoresFloat32 => Header.DType == NpyDType.Float32;

    /// <inheritdoc />
    public string Name => Header.Path;

    /// <summary>Opens <paramref name="path"/>, which must hold a rank-2 array.</summary>
    /// <exception cref="InputException">Any header problem, or a rank other than 2.</exception>
    public static NpyFeatureSource Open(string path)
    {
        NpyHeader header;
        using (var reader = NpyRowReader.Open(path)) header = reader.Header;
        SafeFileHandle handle;
        try { handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot open ({ex.Message})");
        }
        return new NpyFeatureSource(handle, header);
    }

    /// <inheritdoc />
    public void Read(int first, int count, Span<double> destination, Span<float> destination32)
    {
        if (first < 0 || count < 0 || first + (long)count > Rows) throw new ArgumentOutOfRangeException(nameof(first), $"rows [{first}, {first + count}) outside [0, {Rows})");
        var bytes = checked((int)(count * _rowBytes));
        var buffer = _buffer is { } b && b.Length >= bytes ? b : _buffer = new byte[Math.Max(bytes, 1 << 16)];
        var span = buffer.AsSpan(0, bytes);
        var offset = Header.DataOffset + first * _rowBytes;
        var done = 0;
        while (done < bytes)
        {
            var n = RandomAccess.Read(_handle, span[done..], offset + done);
            if (n <= 0) throw new InputException($"{Header.Path}: file ended inside the data (truncated while reading row {first + done / _rowBytes})");
            done += n;
        }
        var elements = count * Dim;
        NpyConvert.ToDouble(span, Header.DType, destination[..elements]);
        if (StoresFloat32 && destination32.Length >= elements && BitConverter.IsLittleEndian)
            MemoryMarshal.Cast<byte, float>(span).CopyTo(destination32);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
