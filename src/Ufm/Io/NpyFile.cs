using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Collapse.Theory;

namespace Collapse.Ufm.Io;

/// <summary>
/// Minimal .npy access for the UFM (temporary: to be replaced by Collapse.Theory.IO once it is on main).
/// Reads little-endian C-order float32/float64 matrices and int32/int64/uint8 label vectors; writes float64.
/// </summary>
internal static partial class NpyFile
{
    public static (double[] Data, int Rows, int Columns) ReadMatrix(string path, string flag)
    {
        var (descr, shape, bytes) = Read(path, flag);
        if (shape.Length != 2) throw new InputException($"{flag} {path}: expected a 2-D array, got shape ({string.Join(", ", shape)})");
        var data = ToDouble(descr, bytes, path, flag);
        return (data, (int)shape[0], (int)shape[1]);
    }

    public static int[] ReadLabels(string path, string flag)
    {
        var (descr, shape, bytes) = Read(path, flag);
        if (shape.Length != 1) throw new InputException($"{flag} {path}: expected a 1-D label array, got shape ({string.Join(", ", shape)})");
        var n = (int)shape[0];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            long v = descr switch
            {
                "<i4" => BitConverter.ToInt32(bytes, 4 * i),
                "<i8" => BitConverter.ToInt64(bytes, 8 * i),
                "|u1" => bytes[i],
                _ => throw new InputException($"{flag} {path}: labels must be int32, int64 or uint8, got dtype {descr}"),
            };
            if (v < 0 || v > int.MaxValue) throw new InputException($"{flag} {path}: label {v} at index {i} is negative or too large");
            labels[i] = (int)v;
        }
        return labels;
    }

    public static void Write(string path, ReadOnlySpan<double> data, params long[] shape)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
        var total = 10 + dict.Length + 1;
        var pad = (64 - total % 64) % 64;
        var header = dict + new string(' ', pad) + "\n";
        var bytes = new byte[10 + header.Length + data.Length * 8];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        bytes[7] = 0;
        BitConverter.GetBytes((ushort)header.Length).CopyTo(bytes, 8);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        for (var i = 0; i < data.Length; i++) BitConverter.GetBytes(data[i]).CopyTo(bytes, 10 + header.Length + 8 * i);
        AtomicWrite(path, bytes);
    }

    /// <summary>Writes bytes to a temporary file in the same folder, then moves it over <paramref name="path"/>.</summary>
    public static void AtomicWrite(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, full, overwrite: true);
    }

    private static (string Descr, long[] Shape, byte[] Data) Read(string path, string flag)
    {
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{flag} {path}: cannot read ({ex.Message})");
        }
        if (all.Length < 10 || all[0] != 0x93 || Encoding.ASCII.GetString(all, 1, 5) != "NUMPY")
            throw new InputException($"{flag} {path}: not a .npy file (bad magic)");
        int major = all[6];
        int headerLen, offset;
        if (major == 1) { headerLen = BitConverter.ToUInt16(all, 8); offset = 10; }
        else if (major is 2 or 3) { headerLen = (int)BitConverter.ToUInt32(all, 8); offset = 12; }
        else throw new InputException($"{flag} {path}: unsupported .npy version {major}");
        if (offset + headerLen > all.Length) throw new InputException($"{flag} {path}: truncated header");
        var header = Encoding.UTF8.GetString(all, offset, headerLen);
        var descr = DescrRegex().Match(header);
        var fortran = FortranRegex().Match(header);
        var shapeMatch = ShapeRegex().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success) throw new InputException($"{flag} {path}: malformed header");
        if (fortran.Groups[1].Value == "True") throw new InputException($"{flag} {path}: Fortran-order arrays are not supported (save with C order)");
        var shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var size = descr.Groups[1].Value switch { "<f8" or "<i8" => 8, "<f4" or "<i4" => 4, "|u1" => 1, var s => throw new InputException($"{flag} {path}: unsupported dtype {s}") };
        var start = offset + headerLen;
        if (all.Length - start != count * size) throw new InputException($"{flag} {path}: data has {all.Length - start} bytes, expected {count * size} for shape ({string.Join(", ", shape)})");
        return (descr.Groups[1].Value, shape, all[start..]);
    }

    private static double[] ToDouble(string descr, byte[] bytes, string path, string flag)
    {
        var n = descr is "<f8" ? bytes.Length / 8 : descr is "<f4" ? bytes.Length / 4 : throw new InputException($"{flag} {path}: features must be float32 or float64, got dtype {descr}");
        var data = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = descr == "<f8" ? BitConverter.ToDouble(bytes, 8 * i) : BitConverter.ToSingle(bytes, 4 * i);
            if (!double.IsFinite(data[i])) throw new InputException($"{flag} {path}: value {i} is not finite");
        }
        return data;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrRegex();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
