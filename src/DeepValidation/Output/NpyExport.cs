using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// Minimal private .npy v1.0 writer (little-endian, C order) for the feature exports, kept until the shared
/// Collapse.Theory.IO writer lands on main; writes to a temp file and moves it into place.
/// </summary>
internal static class NpyExport
{
    public static void WriteFloat32(string path, ReadOnlySpan<double> data, params long[] shape)
    {
        var bytes = new byte[data.Length * 4];
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)data[i]);
        Write(path, "<f4", shape, bytes);
    }

    public static void WriteFloat64(string path, ReadOnlySpan<double> data, params long[] shape)
    {
        var bytes = new byte[data.Length * 8];
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), data[i]);
        Write(path, "<f8", shape, bytes);
    }

    public static void WriteInt64(string path, ReadOnlySpan<int> data)
    {
        var bytes = new byte[data.Length * 8];
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), data[i]);
        Write(path, "<i8", [data.Length], bytes);
    }

    private static void Write(string path, string descr, long[] shape, byte[] payload)
    {
        var dims = shape.Length == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        var unpadded = 10 + dict.Length + 1;
        var pad = (64 - unpadded % 64) % 64;
        var header = dict + new string(' ', pad) + "\n";
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        using (var f = File.Create(tmp))
        {
            f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            Span<byte> len = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
            f.Write(len);
            f.Write(Encoding.ASCII.GetBytes(header));
            f.Write(payload);
        }
        File.Move(tmp, full, overwrite: true);
    }
}
