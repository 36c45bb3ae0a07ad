using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Theory.Tests.IO;

public class NpyRoundTripTests
{
    public static TheoryData<NpyDType, int> EveryDTypeAndVersion()
    {
        var data = new TheoryData<NpyDType, int>();
        foreach (var t in Enum.GetValues<NpyDType>())
            foreach (var v in new[] { 1, 2, 3 })
                data.Add(t, v);
        return data;
    }

    // Values exactly representable in every dtype (small integers), plus fractional values for the float types.
    private static double[] SampleValues(NpyDType t, int n) =>
        Enumerable.Range(0, n).Select(i => t switch
        {
            NpyDType.Float64 => (i - 5) * 0.1 + 1e-300 * i,
            NpyDType.Float32 => (i - 5) * 0.25,
            NpyDType.UInt8 => i % 256,
            _ => i * 7 - 20,
        }).ToArray();

    [Theory]
    [MemberData(nameof(EveryDTypeAndVersion))]
    public void RankTwoArrayReadsBackExactlyForEveryDTypeAndVersion(NpyDType dtype, int version)
    {
        using var dir = new TempDir();
        var path = dir.File("a.npy");
        var values = SampleValues(dtype, 12);
        if (dtype is NpyDType.Float32 or NpyDType.Float64)
            NpyWriter.Write(path, values, [3, 4], dtype, version);
        else
            NpyWriter.Write(path, values.Select(v => (long)v).ToArray(), [3, 4], dtype, version);

        var header = NpyReader.ReadHeader(path);
        Assert.Equal(version, header.MajorVersion);
        Assert.Equal(dtype, header.DType);
        Assert.Equal(new long[] { 3, 4 }, header.Shape);
        Assert.Equal(0, header.DataOffset % 64);

        var read = NpyReader.ReadMatrix(path);
        Assert.Equal(values, read.Data);
        Assert.Equal(3, read.Rows);
        Assert.Equal(4, read.Columns);
    }

    [Theory]
    [MemberData(nameof(EveryDTypeAndVersion))]
    public void RankOneArrayReadsBackExactlyForEveryDTypeAndVersion(NpyDType dtype, int version)
    {
        using var dir = new TempDir();
        var path = dir.File("v.npy");
        var values = SampleValues(dtype, 7);
        if (dtype is NpyDType.Float32 or NpyDType.Float64)
            NpyWriter.Write(path, values, [7], dtype, version);
        else
            NpyWriter.Write(path, values.Select(v => (long)v).ToArray(), [7], dtype, version);
        Assert.Equal(values, NpyReader.ReadVector(path));
        if (dtype.IsInteger())
            Assert.Equal(values.Select(v => (int)v).ToArray(), NpyReader.ReadLabels(path));
    }

    [Fact]
    public void HeaderIsPaddedToSixtyFourBytesAndEndsInNewline()
    {
        var bytes = NpyHeaderCodec.Encode(NpyDType.Float32, [200000, 512]);
        Assert.Equal(0, bytes.Length % 64);
        Assert.Equal((byte)'\n', bytes[^1]);
        var text = System.Text.Encoding.ASCII.GetString(bytes, 10, bytes.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (200000, 512), }", text);
    }

    [Fact]
    public void HandCraftedNumpyFilesAreReadWithoutRelyingOnOurEncoder()
    {
        using var dir = new TempDir();
        // Old numpy style: 16-byte alignment, no trailing comma, double quotes, Python 2 long suffix.
        var p1 = dir.Write("old.npy", NpyBytes.Build("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2L, 3L)}", NpyBytes.Float64(1, 2, 3, 4, 5, 6), padTo64: false));
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, NpyReader.ReadMatrix(p1).Data);
        var p2 = dir.Write("v3.npy", NpyBytes.Build(NpyBytes.Dict("<f4", "(2, 2)"), NpyBytes.Float32(1.5f, -2f, 3.25f, 1e-3f), version: 3));
        Assert.Equal(new double[] { 1.5, -2, 3.25, 1e-3f }, NpyReader.ReadMatrix(p2).Data);
        var p3 = dir.Write("u1.npy", NpyBytes.Build(NpyBytes.Dict("<u1", "(4,)"), [0, 1, 255, 3]));
        Assert.Equal(new[] { 0, 1, 255, 3 }, NpyReader.ReadLabels(p3));
        var p4 = dir.Write("i8.npy", NpyBytes.Build(NpyBytes.Dict("<i8", "(3,)"), NpyBytes.Int64(2, 0, 1)));
        Assert.Equal(new[] { 2, 0, 1 }, NpyReader.ReadLabels(p4));
        // Fortran order is the same layout as C order for a rank-1 array, so it is accepted there.
        var p5 = dir.Write("f1.npy", NpyBytes.Build(NpyBytes.Dict("<i4", "(2,)", fortran: true), NpyBytes.Int32(4, 5)));
        Assert.Equal(new[] { 4, 5 }, NpyReader.ReadLabels(p5));
    }

    [Fact]
    public void EmptyArrayRoundTrips()
    {
        using var dir = new TempDir();
        var path = dir.File("e.npy");
        NpyWriter.Write(path, ReadOnlySpan<double>.Empty, [0, 5]);
        var read = NpyReader.ReadMatrix(path);
        Assert.Empty(read.Data);
        Assert.Equal(new long[] { 0, 5 }, read.Shape);
    }

    [Fact]
    public void WriterLeavesNoTemporaryFileAndOverwritesAtomically()
    {
        using var dir = new TempDir();
        var path = dir.File("w.npy");
        NpyWriter.WriteVector(path, [1.0, 2.0]);
        NpyWriter.WriteVector(path, [3.0]);
        Assert.Equal(new[] { 3.0 }, NpyReader.ReadVector(path));
        Assert.Equal(new[] { "w.npy" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void WriterIntoMissingFolderIsAnInputErrorNamingThePath()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "missing", "w.npy");
        var ex = Assert.Throws<InputException>(() => NpyWriter.WriteVector(path, [1.0]));
        Assert.Contains("w.npy", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void IntegerWriterRefusesValuesThatDoNotFitTheDType()
    {
        using var dir = new TempDir();
        Assert.Throws<ArgumentOutOfRangeException>(() => NpyWriter.Write(dir.File("u.npy"), new long[] { 256 }, [1], NpyDType.UInt8));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpyWriter.Write(dir.File("i.npy"), new long[] { 1L << 40 }, [1], NpyDType.Int32));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void MathNetMatrixRoundTripsInRowMajorOrder()
    {
        using var dir = new TempDir();
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var path = dir.File("m.npy");
        NpyWriter.WriteMatrix(path, m);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, NpyReader.ReadMatrix(path).Data);
        Assert.Equal(m, NpyReader.ReadMatrix(path).ToMatrix());
    }
}
