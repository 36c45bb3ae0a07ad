namespace Collapse.Theory.IO;

/// <summary>
/// Streams the rows of a rank-2 (N×d) .npy file in chunks, converting each element to <see cref="double"/>, so that a
/// file far larger than memory can be passed over once or several times (<see cref="Reset"/>). Memory held: one byte
/// buffer of the largest chunk requested. The header and the file length are validated on open.
/// </summary>
public sealed class NpyRowReader : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _buffer = [];
    private readonly int _rowBytes;

    private NpyRowReader(FileStream stream, NpyHeader header)
    {
        _stream = stream;
        Header = header;
        Rows = (int)header.Shape[0];
        Columns = (int)header.Shape[1];
        _rowBytes = Columns * header.DType.Size();
    }

    /// <summary>The validated header.</summary>
    public NpyHeader Header { get; }

    /// <summary>Number of rows N.</summary>
    public int Rows { get; }

    /// <summary>Number of columns d.</summary>
    public int Columns { get; }

    /// <summary>Rows delivered since opening or the last <see cref="Reset"/>.</summary>
    public int Position { get; private set; }

    /// <summary>Opens <paramref name="path"/>, which must hold a rank-2 array.</summary>
    /// <exception cref="InputException">Any header problem, or a rank other than 2.</exception>
    public static NpyRowReader Open(string path)
    {
        var stream = NpyFiles.OpenRead(path);
        try
        {
            var header = NpyHeaderCodec.Read(stream, stream.Length, path);
            if (header.Rank != 2)
                throw new InputException($"{path}: expected a rank-2 array (rows × columns), got shape {header.ShapeText}");
            if (header.Shape[0] > int.MaxValue || header.Shape[1] > int.MaxValue / 8)
                throw new InputException($"{path}: shape {header.ShapeText} is too large (at most {int.MaxValue} rows and {int.MaxValue / 8} columns)");
            return new NpyRowReader(stream, header);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxRows"/> rows (fewer at the end of the file, 0 once all rows were read) into
    /// <paramref name="destination"/> in row-major order, converted to double. Returns the number of rows read.
    /// </summary>
    public int ReadRows(Span<double> destination, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var rows = Math.Min(maxRows, Rows - Position);
        if (rows == 0) return 0;
        var elements = checked(rows * Columns);
        if (destination.Length < elements)
            throw new ArgumentException($"destination holds {destination.Length} values, {rows} rows × {Columns} columns need {elements}", nameof(destination));
        var bytes = checked(rows * _rowBytes);
        if (_buffer.Length < bytes) _buffer = new byte[bytes];
        NpyFiles.ReadExactly(_stream, _buffer.AsSpan(0, bytes), Header.Path, "data");
        NpyConvert.ToDouble(_buffer.AsSpan(0, bytes), Header.DType, destination[..elements]);
        Position += rows;
        return rows;
    }

    /// <summary>
    /// Enumerates the remaining rows in chunks of at most <paramref name="chunkRows"/> rows. Each item is the SAME
    /// reused buffer (row-major, the first <c>count × Columns</c> values valid) and the number of rows in it.
    /// </summary>
    public IEnumerable<(double[] Rows, int Count)> Chunks(int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        var buffer = new double[checked(Math.Max(1, Math.Min(chunkRows, Rows)) * Math.Max(Columns, 1))];
        return Iterate(buffer, chunkRows);
    }

    private IEnumerable<(double[] Rows, int Count)> Iterate(double[] buffer, int chunkRows)
    {
        int count;
        while ((count = ReadRows(buffer, Math.Min(chunkRows, buffer.Length / Math.Max(Columns, 1)))) > 0)
            yield return (buffer, count);
    }

    /// <summary>Rewinds to the first row (for a second pass).</summary>
    public void Reset()
    {
        _stream.Seek(Header.DataOffset, SeekOrigin.Begin);
        Position = 0;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
