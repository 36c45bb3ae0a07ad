namespace Collapse.Theory.IO;

/// <summary>
/// The validated header of an .npy file (NumPy format versions 1.0, 2.0 and 3.0): element type, shape and where the
/// C-order, little-endian data starts. Built by <see cref="NpyReader.ReadHeader(string)"/>, which has already checked
/// that the file holds exactly the number of data bytes the header announces.
/// </summary>
/// <param name="Path">The file the header was read from (as given; used in error messages).</param>
/// <param name="MajorVersion">Format major version (1, 2 or 3).</param>
/// <param name="MinorVersion">Format minor version (0).</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Array shape (empty for a scalar).</param>
/// <param name="DataOffset">Byte offset of the first data byte.</param>
public sealed record NpyHeader(string Path, int MajorVersion, int MinorVersion, NpyDType DType, long[] Shape, long DataOffset)
{
    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var s in Shape) n = checked(n * s);
            return n;
        }
    }

    /// <summary>Number of data bytes.</summary>
    public long DataBytes => checked(ElementCount * DType.Size());

    /// <summary>The shape written as NumPy prints it: <c>(3, 4)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as NumPy prints it: <c>(3, 4)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape) + ")",
    };
}
