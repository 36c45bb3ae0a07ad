using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Theory.Tests.IO;

/// <summary>Every malformed file is an InputException whose one-line message starts with the path and says what is wrong.</summary>
public class NpyBadInputTests
{
    private static InputException Fails(Func<string, object> read, string path)
    {
        var ex = Assert.Throws<InputException>(() => read(path));
        Assert.StartsWith(path, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static readonly Func<string, object> Matrix = p => NpyReader.ReadMatrix(p);
    private static readonly Func<string, object> Labels = p => NpyReader.ReadLabels(p);

    [Fact]
    public void FileThatIsNotNpyHasBadMagic()
    {
        using var dir = new TempDir();
        var ex = Fails(Matrix, dir.Write("x.npy", "col1,col2\n1,2\n"u8.ToArray()));
        Assert.Contains("not an .npy file", ex.Message);
        Assert.Contains("magic", ex.Message);
    }

    [Fact]
    public void EmptyFileIsNotNpy()
    {
        using var dir = new TempDir();
        Assert.Contains("not an .npy file", Fails(Matrix, dir.Write("e.npy", [])).Message);
    }

    [Fact]
    public void FileEndingInsideTheMagicIsTruncated()
    {
        using var dir = new TempDir();
        Assert.Contains("truncated header", Fails(Matrix, dir.Write("t.npy", [0x93, (byte)'N', (byte)'U'])).Message);
    }

    [Fact]
    public void FileEndingInsideTheHeaderIsTruncated()
    {
        using var dir = new TempDir();
        var full = NpyBytes.Build(NpyBytes.Dict("<f8", "(2, 2)"), NpyBytes.Float64(1, 2, 3, 4));
        var ex = Fails(Matrix, dir.Write("t.npy", full[..40]));
        Assert.Contains("truncated header", ex.Message);
    }

    [Fact]
    public void FileEndingInsideTheDataIsTruncated()
    {
        using var dir = new TempDir();
        var full = NpyBytes.Build(NpyBytes.Dict("<f8", "(2, 2)"), NpyBytes.Float64(1, 2, 3, 4));
        var ex = Fails(Matrix, dir.Write("t.npy", full[..^5]));
        Assert.Contains("truncated data", ex.Message);
        Assert.Contains("needs 32 bytes, the file has 27", ex.Message);
    }

    [Fact]
    public void TruncatedDataIsCaughtWhenStreamingToo()
    {
        using var dir = new TempDir();
        var full = NpyBytes.Build(NpyBytes.Dict("<f4", "(100, 3)"), NpyBytes.Float32(new float[300]));
        var path = dir.Write("t.npy", full[..^1]);
        Assert.Contains("truncated data", Fails(p => NpyRowReader.Open(p), path).Message);
    }

    [Fact]
    public void ExtraBytesAfterTheDataAreRejected()
    {
        using var dir = new TempDir();
        var full = NpyBytes.Build(NpyBytes.Dict("<f8", "(2,)"), NpyBytes.Float64(1, 2, 3));
        Assert.Contains("8 unexpected bytes after the data", Fails(Matrix, dir.Write("x.npy", full)).Message);
    }

    [Fact]
    public void FortranOrderMatrixIsRejected()
    {
        using var dir = new TempDir();
        var path = dir.Write("f.npy", NpyBytes.Build(NpyBytes.Dict("<f8", "(2, 2)", fortran: true), NpyBytes.Float64(1, 2, 3, 4)));
        Assert.Contains("Fortran-order", Fails(Matrix, path).Message);
    }

    [Fact]
    public void BigEndianIsRejectedWithTheDescr()
    {
        using var dir = new TempDir();
        var path = dir.Write("b.npy", NpyBytes.Build(NpyBytes.Dict(">f8", "(1, 1)"), new byte[8]));
        var ex = Fails(Matrix, path);
        Assert.Contains("big-endian", ex.Message);
        Assert.Contains("'>f8'", ex.Message);
    }

    [Theory]
    [InlineData("<f2", 2, "float16")]
    [InlineData("<c16", 16, "complex128")]
    [InlineData("|b1", 1, "bool")]
    [InlineData("<u4", 4, "uint32")]
    [InlineData("|i1", 1, "int8")]
    public void UnsupportedDTypeIsNamed(string descr, int size, string name)
    {
        using var dir = new TempDir();
        var path = dir.Write("u.npy", NpyBytes.Build(NpyBytes.Dict(descr, "(2,)"), new byte[2 * size]));
        var ex = Fails(Matrix, path);
        Assert.Contains("unsupported dtype", ex.Message);
        Assert.Contains(name, ex.Message);
        Assert.Contains($"'{descr}'", ex.Message);
    }

    [Fact]
    public void StructuredDTypeIsUnsupported()
    {
        using var dir = new TempDir();
        var path = dir.Write("s.npy", NpyBytes.Build("{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[12]));
        Assert.Contains("structured", Fails(Matrix, path).Message);
    }

    [Fact]
    public void LabelsOfRankTwoAreRejectedWithTheShape()
    {
        using var dir = new TempDir();
        var path = dir.Write("labels.npy", NpyBytes.Build(NpyBytes.Dict("<i8", "(3, 4)"), new byte[96]));
        Assert.Equal($"{path}: expected a rank-1 array, got shape (3, 4)", Fails(Labels, path).Message);
    }

    [Fact]
    public void MatrixOfRankOneIsRejectedWithTheShape()
    {
        using var dir = new TempDir();
        var path = dir.Write("W.npy", NpyBytes.Build(NpyBytes.Dict("<f8", "(3,)"), new byte[24]));
        Assert.Equal($"{path}: expected a rank-2 array (rows × columns), got shape (3,)", Fails(Matrix, path).Message);
    }

    [Fact]
    public void FloatLabelsAreRejected()
    {
        using var dir = new TempDir();
        var path = dir.Write("labels.npy", NpyBytes.Build(NpyBytes.Dict("<f8", "(2,)"), NpyBytes.Float64(0, 1)));
        Assert.Contains("labels must have an integer dtype", Fails(Labels, path).Message);
    }

    [Fact]
    public void Int64LabelOutsideIntRangeIsNamedByIndex()
    {
        using var dir = new TempDir();
        var path = dir.Write("labels.npy", NpyBytes.Build(NpyBytes.Dict("<i8", "(3,)"), NpyBytes.Int64(0, 1, 5_000_000_000)));
        Assert.Contains("label at index 2 is 5000000000", Fails(Labels, path).Message);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'shape': (2,), }", "no 'fortran_order' key")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': 2, }", "'shape' is not a tuple")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }", "not a non-negative integer")]
    [InlineData("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,), }", "malformed .npy header")]
    [InlineData("['descr', '<f8']", "not a dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", "malformed .npy header")]
    public void MalformedHeaderIsReported(string dict, string expected)
    {
        using var dir = new TempDir();
        var path = dir.Write("m.npy", NpyBytes.Build(dict, NpyBytes.Float64(1, 2)));
        Assert.Contains(expected, Fails(Matrix, path).Message);
    }

    [Fact]
    public void UnknownFormatVersionIsReported()
    {
        using var dir = new TempDir();
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f8", "(1,)"), NpyBytes.Float64(1), version: 2);
        bytes[6] = 4;
        Assert.Contains("unsupported .npy format version 4.0", Fails(Matrix, dir.Write("v.npy", bytes)).Message);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        using var dir = new TempDir();
        Assert.Contains("file not found", Fails(Matrix, dir.File("nope.npy")).Message);
    }
}
