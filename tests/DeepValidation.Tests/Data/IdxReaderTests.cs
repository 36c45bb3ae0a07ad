using System.Buffers.Binary;
using System.IO.Compression;
using Collapse.DeepValidation.Data;
using Collapse.Theory;
using Xunit;

namespace Collapse.DeepValidation.Tests.Data;

public class IdxReaderTests
{
    private static byte[] Idx(byte type, int[] dims, byte[] values)
    {
        var b = new byte[4 + 4 * dims.Length + values.Length];
        b[2] = type;
        b[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4 + 4 * i), dims[i]);
        values.CopyTo(b, 4 + 4 * dims.Length);
        return b;
    }

    private static void WriteGz(string path, byte[] bytes)
    {
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(bytes);
    }

    [Fact]
    public void PlainAndGzippedFilesGiveTheSameArray()
    {
        using var tmp = new TempFolder();
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        var bytes = Idx(0x08, [2, 3, 4], values);
        File.WriteAllBytes(tmp.File("a.idx"), bytes);
        WriteGz(tmp.File("a.idx.gz"), bytes);
        var plain = IdxReader.Read(tmp.File("a.idx"));
        var gz = IdxReader.Read(tmp.File("a.idx.gz"));
        Assert.Equal(new[] { 2, 3, 4 }, plain.Dimensions);
        Assert.Equal(values, plain.Values);
        Assert.Equal(plain.Dimensions, gz.Dimensions);
        Assert.Equal(plain.Values, gz.Values);
    }

    [Fact]
    public void ImagesAndLabelsBecomeUnitScaledSamples()
    {
        using var tmp = new TempFolder();
        File.WriteAllBytes(tmp.File("img"), Idx(0x08, [2, 1, 2], [0, 255, 51, 102]));
        File.WriteAllBytes(tmp.File("lab"), Idx(0x08, [2], [3, 9]));
        var data = IdxReader.ReadImagesAndLabels(tmp.File("img"), tmp.File("lab"), 10);
        Assert.Equal(new[] { 1, 1, 2 }, data.SampleShape);
        Assert.Equal(new[] { 3, 9 }, data.Labels);
        Assert.Equal(new[] { 0f, 1f, 0.2f, 0.4f }, data.Inputs);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "too short for an IDX header" },
        { "bad magic", [1, 2, 8, 1, 0, 0, 0, 0], "not an IDX file" },
        { "float type", Idx(0x0D, [1], [0, 0, 0, 0]), "element type 0x0d is not supported" },
        { "truncated header", [0, 0, 8, 3, 0, 0, 0, 1], "truncated IDX header" },
        { "truncated data", Idx(0x08, [2, 2, 2], [1, 2, 3]), "truncated IDX data (3 bytes of 8" },
        { "trailing bytes", Idx(0x08, [2], [1, 2, 3]), "1 trailing bytes" },
        { "zero rank", [0, 0, 8, 0], "0 dimensions" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void MalformedFilesAreRejectedWithAOneLineMessageNamingTheFile(string name, byte[] bytes, string expected)
    {
        using var tmp = new TempFolder();
        var path = tmp.File(name.Replace(' ', '_'));
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InputException>(() => IdxReader.Read(path));
        Assert.StartsWith(path + ":", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void CorruptGzipIsAnInputError()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("x.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef]);
        var ex = Assert.Throws<InputException>(() => IdxReader.Read(path));
        Assert.StartsWith(path + ":", ex.Message);
    }

    [Fact]
    public void TruncatedGzipIsAnInputError()
    {
        using var tmp = new TempFolder();
        var full = tmp.File("full.gz");
        WriteGz(full, Idx(0x08, [1000], new byte[1000].Select((_, i) => (byte)(i * 31 % 251)).ToArray()));
        var bytes = File.ReadAllBytes(full);
        var cut = tmp.File("cut.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<InputException>(() => IdxReader.Read(cut));
        Assert.StartsWith(cut + ":", ex.Message);
    }

    [Fact]
    public void MissingFileIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => IdxReader.Read("/nonexistent/train-images-idx3-ubyte"));
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void LabelCountMismatchAndLabelRangeAreChecked()
    {
        using var tmp = new TempFolder();
        File.WriteAllBytes(tmp.File("img"), Idx(0x08, [2, 1, 1], [0, 1]));
        File.WriteAllBytes(tmp.File("lab3"), Idx(0x08, [3], [0, 1, 2]));
        File.WriteAllBytes(tmp.File("lab10"), Idx(0x08, [2], [0, 10]));
        Assert.Contains("3 labels for the 2 images", Assert.Throws<InputException>(() => IdxReader.ReadImagesAndLabels(tmp.File("img"), tmp.File("lab3"), 10)).Message);
        Assert.Contains("label 10 of sample 1 is outside 0..9", Assert.Throws<InputException>(() => IdxReader.ReadImagesAndLabels(tmp.File("img"), tmp.File("lab10"), 10)).Message);
        Assert.Contains("must have 3 dimensions", Assert.Throws<InputException>(() => IdxReader.ReadImagesAndLabels(tmp.File("lab3"), tmp.File("lab3"), 10)).Message);
    }
}
