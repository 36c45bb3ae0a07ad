using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Collapse.Cli.Tests.Fuzz;

/// <summary>
/// A way to break a valid .npy file, applied to the raw bytes of any valid source (features, labels, a run folder's
/// arrays): byte-level damage (truncation, wrong magic or version) or a rewrite of the header dict and the data.
/// <see cref="Fragment"/> is what the one error line must contain besides the file's name ("" = only the name).
/// </summary>
internal sealed record NpyMutation(string Name, Func<byte[], byte[]> Apply, string Fragment = "")
{
    /// <summary>Splits a v1/v2/v3 .npy file into its header dict and its data.</summary>
    public static (string Dict, byte[] Data) Split(byte[] bytes)
    {
        var v1 = bytes[6] == 1;
        var len = v1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var start = v1 ? 10 : 12;
        return (Encoding.ASCII.GetString(bytes, start, len).TrimEnd(' ', '\n'), bytes[(start + len)..]);
    }

    /// <summary>A v1 .npy file with <paramref name="dict"/> (padded to 64 bytes) and <paramref name="data"/>.</summary>
    public static byte[] Join(string dict, byte[] data)
    {
        var total = 10 + dict.Length + 1;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', ((total + 63) / 64 * 64) - total) + "\n");
        var bytes = new byte[10 + header.Length + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        data.CopyTo(bytes, 10 + header.Length);
        return bytes;
    }

    /// <summary>The shape tuple of a header dict, e.g. [12, 5].</summary>
    public static long[] Shape(string dict) =>
        Regex.Match(dict, @"'shape':\s*\(([^)]*)\)").Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();

    public static string Descr(string dict) => Regex.Match(dict, @"'descr':\s*'([^']*)'").Groups[1].Value;

    private static string WithShape(string dict, string shape) => Regex.Replace(dict, @"'shape':\s*\([^)]*\)", $"'shape': {shape}");

    private static string WithDescr(string dict, string descr) => Regex.Replace(dict, @"'descr':\s*'[^']*'", $"'descr': '{descr}'");

    /// <summary>Rewrites the header dict and/or the data of a file.</summary>
    public static Func<byte[], byte[]> Rewrite(Func<string, string>? dict = null, Func<string, byte[], byte[]>? data = null) => bytes =>
    {
        var (d, payload) = Split(bytes);
        return Join(dict?.Invoke(d) ?? d, data?.Invoke(d, payload) ?? payload);
    };

    /// <summary>Sets the floating-point element <paramref name="index"/> (row-major) of a float32/float64 array to <paramref name="value"/>.</summary>
    public static Func<byte[], byte[]> SetFloat(int index, double value) => Rewrite(data: (d, payload) =>
    {
        var copy = (byte[])payload.Clone();
        if (Descr(d) == "<f4") BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(index * 4), (float)value);
        else BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(index * 8), value);
        return copy;
    });

    /// <summary>Sets the integer element <paramref name="index"/> of an int32/int64/uint8 label array to <paramref name="value"/>.</summary>
    public static Func<byte[], byte[]> SetInt(int index, long value) => Rewrite(data: (d, payload) =>
    {
        var copy = (byte[])payload.Clone();
        switch (Descr(d))
        {
            case "<i4": BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(index * 4), (int)value); break;
            case "<i8": BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(index * 8), value); break;
            default: copy[index] = (byte)value; break;
        }
        return copy;
    });

    /// <summary>Maps every integer label through <paramref name="f"/>.</summary>
    public static Func<byte[], byte[]> MapInts(Func<long, long> f) => Rewrite(data: (d, payload) =>
    {
        var copy = (byte[])payload.Clone();
        var descr = Descr(d);
        var size = descr == "<i4" ? 4 : descr == "<i8" ? 8 : 1;
        for (var i = 0; i < copy.Length / size; i++)
        {
            var span = copy.AsSpan(i * size);
            switch (size)
            {
                case 4: BinaryPrimitives.WriteInt32LittleEndian(span, (int)f(BinaryPrimitives.ReadInt32LittleEndian(span))); break;
                case 8: BinaryPrimitives.WriteInt64LittleEndian(span, f(BinaryPrimitives.ReadInt64LittleEndian(span))); break;
                default: span[0] = (byte)f(span[0]); break;
            }
        }
        return copy;
    });

    /// <summary>Breaks a rank-2 float matrix (features, classifier).</summary>
    public static IEnumerable<NpyMutation> Matrix()
    {
        yield return new("truncated-data", b => b[..^3], "truncated data");
        yield return new("truncated-header", b => b[..20], "truncated header");
        yield return new("empty-file", _ => []);
        yield return new("not-npy", _ => "1,2,3\n4,5,6\n"u8.ToArray(), "not an .npy file");
        yield return new("bad-version", b => { var c = (byte[])b.Clone(); c[6] = 7; return c; });
        yield return new("header-garbage", Rewrite(dict: _ => "{'descr': <f8 'shape': ((12,, 'fortran_order': Maybe"));
        yield return new("header-not-a-dict", Rewrite(dict: _ => "[1, 2, 3]"));
        yield return new("header-without-shape", Rewrite(dict: d => Regex.Replace(d, @"'shape':\s*\([^)]*\),?", "")));
        yield return new("fortran-order", Rewrite(dict: d => d.Replace("'fortran_order': False", "'fortran_order': True", StringComparison.Ordinal)), "Fortran-order");
        yield return new("big-endian", Rewrite(dict: d => WithDescr(d, ">" + Descr(d)[1..])), "big-endian");
        yield return new("float16", Rewrite(dict: d => WithDescr(d, "<f2")), "unsupported dtype");
        yield return new("complex128", Rewrite(dict: d => WithDescr(d, "<c16")), "unsupported dtype");
        yield return new("unicode", Rewrite(dict: d => WithDescr(d, "<U4")), "unsupported dtype");
        yield return new("rank-1", Rewrite(dict: d => WithShape(d, $"({Shape(d).Aggregate(1L, (a, x) => a * x)},)")), "rank-2");
        yield return new("rank-3", Rewrite(dict: d => WithShape(d, $"({Shape(d)[0]}, {Shape(d)[1]}, 1)")), "rank-2");
        yield return new("rank-0", Rewrite(dict: d => WithShape(d, "()"), data: (_, p) => p[..8]));
        yield return new("zero-rows", Rewrite(dict: d => WithShape(d, $"(0, {Shape(d)[1]})"), data: (_, _) => []));
        yield return new("zero-columns", Rewrite(dict: d => WithShape(d, $"({Shape(d)[0]}, 0)"), data: (_, _) => []));
        yield return new("negative-dimension", Rewrite(dict: d => WithShape(d, $"({Shape(d)[0]}, -5)")));
        yield return new("huge-shape", Rewrite(dict: d => WithShape(d, "(1099511627776, 1099511627776)")));
        yield return new("extra-bytes", Rewrite(data: (_, p) => [.. p, .. new byte[8]]), "unexpected bytes");
        yield return new("nan", SetFloat(7, double.NaN), "NaN at row");
        yield return new("plus-inf", SetFloat(3, double.PositiveInfinity), "+Inf at row");
        yield return new("minus-inf", SetFloat(4, double.NegativeInfinity), "-Inf at row");
    }

    /// <summary>Breaks a rank-1 integer label array.</summary>
    public static IEnumerable<NpyMutation> Labels()
    {
        yield return new("labels-truncated", b => b[..^1], "truncated data");
        yield return new("labels-float", Rewrite(dict: d => WithDescr(d, "<f8"), data: (d, p) => new byte[Shape(d)[0] * 8]), "integer dtype");
        yield return new("labels-rank-2", Rewrite(dict: d => WithShape(d, $"({Shape(d)[0]}, 1)")), "rank-1");
        yield return new("labels-uint64", Rewrite(dict: d => WithDescr(d, "<u8"), data: (d, p) => new byte[Shape(d)[0] * 8]), "unsupported dtype");
        yield return new("labels-big-endian", Rewrite(dict: d => WithDescr(d, ">" + Descr(d)[1..])), "big-endian");
        yield return new("labels-negative", SetInt(1, -1), "label at index 1 is -1");
        yield return new("labels-huge-int64", SetInt(2, 1_000_000_000_000));
        yield return new("labels-int32-max", Rewrite(dict: d => WithDescr(d, "<i4"), data: (d, p) =>
        {
            var n = (int)Shape(d)[0];
            var b = new byte[n * 4];
            for (var i = 0; i < n; i++) BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(i * 4), i == 0 ? int.MaxValue : i % 2);
            return b;
        }));
        yield return new("labels-one-class", MapInts(_ => 0));
        yield return new("labels-missing-class", MapInts(y => y == 1 ? 0 : y), "class 1 has no samples");
        yield return new("labels-one-short", Rewrite(dict: d => WithShape(d, $"({Shape(d)[0] - 1},)"), data: (d, p) => p[..^(p.Length / (int)Shape(d)[0])]));
        yield return new("labels-empty", Rewrite(dict: d => WithShape(d, "(0,)"), data: (_, _) => []));
    }
}
