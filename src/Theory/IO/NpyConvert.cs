using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Collapse.Theory.IO;

/// <summary>Converts little-endian .npy element bytes to <see cref="double"/> or <see cref="long"/>.</summary>
internal static class NpyConvert
{
    /// <summary>Converts <paramref name="destination"/>.Length elements of <paramref name="dtype"/> from <paramref name="source"/>.</summary>
    public static void ToDouble(ReadOnlySpan<byte> source, NpyDType dtype, Span<double> destination)
    {
        var n = destination.Length;
        if (!BitConverter.IsLittleEndian)
        {
            ToDoubleSlow(source, dtype, destination);
            return;
        }
        switch (dtype)
        {
            case NpyDType.Float64:
                MemoryMarshal.Cast<byte, double>(source[..(n * 8)]).CopyTo(destination);
                break;
            case NpyDType.Float32:
                FloatToDouble(MemoryMarshal.Cast<byte, float>(source[..(n * 4)]), destination);
                break;
            case NpyDType.Int32:
                {
                    var s = MemoryMarshal.Cast<byte, int>(source[..(n * 4)]);
                    for (var i = 0; i < n; i++) destination[i] = s[i];
                    break;
                }
            case NpyDType.Int64:
                {
                    var s = MemoryMarshal.Cast<byte, long>(source[..(n * 8)]);
                    for (var i = 0; i < n; i++) destination[i] = s[i];
                    break;
                }
            case NpyDType.UInt8:
                for (var i = 0; i < n; i++) destination[i] = source[i];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype));
        }
    }

    private static void FloatToDouble(ReadOnlySpan<float> s, Span<double> d)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var src = ref MemoryMarshal.GetReference(s);
            ref var dst = ref MemoryMarshal.GetReference(d);
            for (; i + Vector256<float>.Count <= s.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector256.Widen(v);
                lo.StoreUnsafe(ref dst, (nuint)i);
                hi.StoreUnsafe(ref dst, (nuint)(i + Vector256<double>.Count));
            }
        }
        for (; i < s.Length; i++) d[i] = s[i];
    }

    private static void ToDoubleSlow(ReadOnlySpan<byte> s, NpyDType dtype, Span<double> d)
    {
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = dtype switch
            {
                NpyDType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(s[(i * 8)..]),
                NpyDType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s[(i * 4)..]),
                NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s[(i * 4)..]),
                NpyDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s[(i * 8)..]),
                NpyDType.UInt8 => s[i],
                _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
            };
        }
    }

    /// <summary>Reads element <paramref name="i"/> of an integer dtype.</summary>
    public static long IntegerAt(ReadOnlySpan<byte> s, NpyDType dtype, int i) => dtype switch
    {
        NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s[(i * 4)..]),
        NpyDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s[(i * 8)..]),
        NpyDType.UInt8 => s[i],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };
}
