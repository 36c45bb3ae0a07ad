using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Collapse.Theory.IO;

/// <summary>
/// Reads and writes the .npy preamble and header (NumPy format specification, <c>numpy.lib.format</c>):
/// magic <c>\x93NUMPY</c>, major and minor version bytes, header length (2 bytes in v1, 4 in v2/v3, little-endian),
/// then a Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, space-padded and ending in a
/// newline so that the data starts on a 64-byte boundary (v1/v2 headers are latin-1, v3 headers UTF-8).
/// </summary>
public static class NpyHeaderCodec
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads and validates the header at the start of <paramref name="stream"/> (positioned at 0) of a file
    /// of <paramref name="fileLength"/> bytes. Leaves the stream at the first data byte.</summary>
    /// <exception cref="InputException">Bad magic, unsupported version, truncated or malformed header, Fortran order
    /// (rank ≥ 2), big-endian or unsupported dtype, or a data section shorter or longer than the shape implies.</exception>
    public static NpyHeader Read(Stream stream, long fileLength, string path)
    {
        if (fileLength == 0) throw new InputException($"{path}: not an .npy file (the file is empty)");
        Span<byte> pre = stackalloc byte[12];
        var magicLen = (int)Math.Min(fileLength, 6);
        NpyFiles.ReadExactly(stream, pre[..magicLen], path, "header");
        if (!pre[..magicLen].SequenceEqual(Magic[..magicLen]))
            throw new InputException($"{path}: not an .npy file (bad magic bytes; expected \\x93NUMPY)");
        if (magicLen < 6) throw new InputException($"{path}: truncated header: the file ends inside the magic bytes");
        NpyFiles.ReadExactly(stream, pre.Slice(6, 2), path, "header");
        int major = pre[6], minor = pre[7];
        if (major is < 1 or > 3)
            throw new InputException($"{path}: unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        var lenBytes = major == 1 ? 2 : 4;
        NpyFiles.ReadExactly(stream, pre.Slice(8, lenBytes), path, "header");
        long headerLen = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(pre.Slice(8, 2)) : BinaryPrimitives.ReadUInt32LittleEndian(pre.Slice(8, 4));
        long dataOffset = 8 + lenBytes + headerLen;
        if (dataOffset > fileLength)
            throw new InputException($"{path}: truncated header: it declares {headerLen} bytes but the file has only {fileLength - 8 - lenBytes} after the preamble");
        var headerBytes = new byte[headerLen];
        NpyFiles.ReadExactly(stream, headerBytes, path, "header");
        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);

        Dictionary<string, object> dict;
        try { dict = PyLiteral.ParseDict(text.TrimEnd('\0')); }
        catch (FormatException ex) { throw new InputException($"{path}: malformed .npy header ({ex.Message})"); }

        var descr = Get(dict, "descr", path);
        var fortran = Get(dict, "fortran_order", path);
        var shapeValue = Get(dict, "shape", path);

        if (shapeValue is not List<object> shapeItems)
            throw new InputException($"{path}: malformed .npy header ('shape' is not a tuple)");
        var shape = new long[shapeItems.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (shapeItems[i] is not long s || s < 0)
                throw new InputException($"{path}: malformed .npy header ('shape' entry {i} is not a non-negative integer)");
            shape[i] = s;
        }

        var dtype = ParseDescr(descr, path);

        if (fortran is not bool isFortran)
            throw new InputException($"{path}: malformed .npy header ('fortran_order' is not True or False)");
        // For rank ≤ 1 Fortran and C order are the same bytes; only a real column-major matrix is refused.
        if (isFortran && shape.Length >= 2)
            throw new InputException($"{path}: Fortran-order (column-major) array of shape {NpyHeader.FormatShape(shape)} is not supported; save it in C order (numpy.ascontiguousarray)");

        var header = new NpyHeader(path, major, minor, dtype, shape, dataOffset);
        long dataBytes;
        try { dataBytes = header.DataBytes; }
        catch (OverflowException) { throw new InputException($"{path}: malformed .npy header (shape {header.ShapeText} is too large)"); }
        var available = fileLength - dataOffset;
        if (available < dataBytes)
            throw new InputException($"{path}: truncated data: shape {header.ShapeText} of {dtype.NumpyName()} needs {dataBytes} bytes, the file has {available}");
        if (available > dataBytes)
            throw new InputException($"{path}: {available - dataBytes} unexpected bytes after the data of shape {header.ShapeText} ({dtype.NumpyName()}); the header and the data disagree");
        return header;
    }

    private static object Get(Dictionary<string, object> dict, string key, string path) =>
        dict.TryGetValue(key, out var v) ? v : throw new InputException($"{path}: malformed .npy header (no '{key}' key)");

    private static NpyDType ParseDescr(object descr, string path)
    {
        if (descr is not string d)
            throw new InputException($"{path}: unsupported dtype: structured (record) arrays are not supported; expected float32, float64, int32, int64 or uint8");
        if (d.Length >= 2 && d[1..] == "u1" && d[0] is '|' or '<' or '>' or '=') return NpyDType.UInt8;
        if (d.Length >= 2 && d[1..] is "i1" or "b1")
        {
            // one-byte types have no byte order; report them as unsupported, not as big-endian
            throw new InputException($"{path}: unsupported dtype {DescribeDescr(d)} ('{d}'); expected float32, float64, int32, int64 or uint8");
        }
        if (d.Length >= 1 && d[0] == '>')
            throw new InputException($"{path}: big-endian dtype '{d}' ({DescribeDescr(d)}) is not supported; save it little-endian (e.g. array.astype('<{d[1..]}'))");
        return d switch
        {
            "<f4" => NpyDType.Float32,
            "<f8" => NpyDType.Float64,
            "<i4" => NpyDType.Int32,
            "<i8" => NpyDType.Int64,
            _ => throw new InputException($"{path}: unsupported dtype {DescribeDescr(d)} ('{d}'); expected float32, float64, int32, int64 or uint8"),
        };
    }

    /// <summary>A readable name for a numpy descr, e.g. <c>&lt;f2</c> → <c>float16</c>.</summary>
    internal static string DescribeDescr(string descr)
    {
        var body = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        if (body.Length < 2) return body.Length == 1 && body[0] == 'O' ? "object" : descr;
        var kind = body[0];
        if (!int.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return descr;
        return kind switch
        {
            'f' => $"float{size * 8}",
            'i' => $"int{size * 8}",
            'u' => $"uint{size * 8}",
            'c' => $"complex{size * 8}",
            'b' => "bool",
            'U' => "unicode string",
            'S' or 'a' => "byte string",
            'V' => "void",
            'M' => "datetime64",
            'm' => "timedelta64",
            _ => descr,
        };
    }

    /// <summary>Encodes a preamble and header for <paramref name="dtype"/> and <paramref name="shape"/> in format
    /// <paramref name="version"/> (1, 2 or 3), padded so that the data starts at a multiple of 64 bytes.</summary>
    public static byte[] Encode(NpyDType dtype, ReadOnlySpan<long> shape, int version = 1)
    {
        if (version is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(version), version, "supported .npy versions are 1, 2 and 3");
        var dict = $"{{'descr': '{dtype.Descr()}', 'fortran_order': False, 'shape': {NpyHeader.FormatShape(shape.ToArray())}, }}";
        var preamble = version == 1 ? 10 : 12;
        var unpadded = preamble + dict.Length + 1;
        var total = (unpadded + 63) / 64 * 64;
        var headerLen = total - preamble;
        if (version == 1 && headerLen > ushort.MaxValue)
            throw new ArgumentException("header too long for .npy version 1; use version 2", nameof(version));
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)version;
        bytes[7] = 0;
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLen);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLen);
        var text = bytes.AsSpan(preamble, headerLen);
        text.Fill((byte)' ');
        Encoding.ASCII.GetBytes(dict, text);
        text[^1] = (byte)'\n';
        return bytes;
    }
}
