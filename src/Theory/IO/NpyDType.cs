namespace Collapse.Theory.IO;

/// <summary>Element types Collapse reads from and writes to .npy files (all little-endian).</summary>
public enum NpyDType
{
    /// <summary>IEEE single precision, descr <c>&lt;f4</c>.</summary>
    Float32,

    /// <summary>IEEE double precision, descr <c>&lt;f8</c>.</summary>
    Float64,

    /// <summary>Signed 32-bit integer, descr <c>&lt;i4</c>.</summary>
    Int32,

    /// <summary>Signed 64-bit integer, descr <c>&lt;i8</c>.</summary>
    Int64,

    /// <summary>Unsigned byte, descr <c>|u1</c> (also read as <c>&lt;u1</c>).</summary>
    UInt8,
}

/// <summary>Sizes, descr strings and names of <see cref="NpyDType"/> values.</summary>
public static class NpyDTypeInfo
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this NpyDType type) => type switch
    {
        NpyDType.Float32 => 4,
        NpyDType.Float64 => 8,
        NpyDType.Int32 => 4,
        NpyDType.Int64 => 8,
        NpyDType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The numpy descr string written to headers (e.g. <c>&lt;f4</c>).</summary>
    public static string Descr(this NpyDType type) => type switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.UInt8 => "|u1",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The numpy name (float32, float64, int32, int64, uint8) used in messages.</summary>
    public static string NumpyName(this NpyDType type) => type switch
    {
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        NpyDType.Int32 => "int32",
        NpyDType.Int64 => "int64",
        NpyDType.UInt8 => "uint8",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for the integer types (valid for labels).</summary>
    public static bool IsInteger(this NpyDType type) => type is NpyDType.Int32 or NpyDType.Int64 or NpyDType.UInt8;
}
