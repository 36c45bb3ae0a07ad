namespace Collapse.Theory.IO;

/// <summary>
/// Writes a large N×d float .npy file row block by row block without holding it in memory. The header (with the
/// final shape) is written first; the file appears at its path only after <see cref="Commit"/> has checked that
/// exactly N rows were written. Disposing without committing deletes the temporary file.
/// </summary>
public sealed class NpyStreamWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _tempPath;
    private readonly string _path;
    private readonly NpyDType _dtype;
    private bool _done;

    /// <summary>Starts <paramref name="path"/> with shape (<paramref name="rows"/>, <paramref name="columns"/>) of
    /// <paramref name="dtype"/> (float32 or float64).</summary>
    public NpyStreamWriter(string path, int rows, int columns, NpyDType dtype = NpyDType.Float32, int version = 1)
    {
        if (dtype is not (NpyDType.Float64 or NpyDType.Float32))
            throw new ArgumentException($"streamed rows are float64 or float32, not {dtype.NumpyName()}", nameof(dtype));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _dtype = dtype;
        _path = path;
        var header = NpyHeaderCodec.Encode(dtype, [rows, columns], version);
        (_stream, _tempPath) = AtomicFile.CreateTemp(path);
        _stream.Write(header);
    }

    /// <summary>Rows declared in the header.</summary>
    public int Rows { get; }

    /// <summary>Columns declared in the header.</summary>
    public int Columns { get; }

    /// <summary>Rows written so far.</summary>
    public int Written { get; private set; }

    /// <summary>Appends whole rows given row-major (length a multiple of <see cref="Columns"/>).</summary>
    public void WriteRows(ReadOnlySpan<double> rowMajor)
    {
        if (_done) throw new InvalidOperationException("the writer is already committed or disposed");
        if (Columns == 0 || rowMajor.Length % Columns != 0)
            throw new ArgumentException($"{rowMajor.Length} values are not whole rows of {Columns}", nameof(rowMajor));
        var rows = rowMajor.Length / Columns;
        if (Written + rows > Rows) throw new InvalidOperationException($"writing {rows} rows would exceed the declared {Rows}");
        NpyWriter.WriteDoubles(_stream, rowMajor, _dtype);
        Written += rows;
    }

    /// <summary>Completes the file and moves it into place.</summary>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("the writer is already committed or disposed");
        if (Written != Rows) throw new InvalidOperationException($"{Written} rows written, the header declares {Rows}");
        _stream.Dispose();
        _done = true;
        AtomicFile.Commit(_tempPath, _path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _stream.Dispose();
        AtomicFile.TryDelete(_tempPath);
    }
}
