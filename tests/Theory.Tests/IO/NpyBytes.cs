using System.Buffers.Binary;
using System.Text;

namespace Collapse.Theory.Tests.IO;

/// <summary>Hand-crafts .npy files byte by byte, independently of the library's own header encoder.</summary>
internal static class NpyBytes
{
    /// <summary>A file with the given header dict text and raw data bytes, in format <paramref name="version"/>.</summary>
    public static byte[] Build(string dict, ReadOnlySpan<byte> data, int version = 1, bool padTo64 = true)
    {
        var preamble = version == 1 ? 10 : 12;
        var text = dict + "\n";
        if (padTo64)
        {
            var total = preamble + text.Length;
            var padded = (total + 63) / 64 * 64;
            text = dict + new string(' ', padded - total) + "\n";
        }
        var headerBytes = version == 3 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
        var bytes = new byte[preamble + headerBytes.Length + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = (byte)version;
        bytes[7] = 0;
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerBytes.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerBytes.Length);
        headerBytes.CopyTo(bytes, preamble);
        data.CopyTo(bytes.AsSpan(preamble + headerBytes.Length));
        return bytes;
    }

    /// <summary>The standard numpy header dict.</summary>
    public static string Dict(string descr, string shape, bool fortran = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    public static byte[] Float64(params double[] values)
    {
        var b = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), values[i]);
        return b;
    }

    public static byte[] Float32(params float[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(i * 4), values[i]);
        return b;
    }

    public static byte[] Int32(params int[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(i * 4), values[i]);
        return b;
    }

    public static byte[] Int64(params long[] values)
    {
        var b = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(i * 8), values[i]);
        return b;
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "collapse-io-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] bytes)
    {
        var p = File(name);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
