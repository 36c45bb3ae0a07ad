using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Theory.Tests.IO;

public class NpyStreamingTests
{
    private static double Value(int row, int col) => (row * 0.5) - (col * 0.25);

    private static string WriteStreamed(TempDir dir, int rows, int cols, NpyDType dtype, int blockRows)
    {
        var path = dir.File("big.npy");
        using var w = new NpyStreamWriter(path, rows, cols, dtype);
        var block = new double[blockRows * cols];
        for (var r0 = 0; r0 < rows; r0 += blockRows)
        {
            var n = Math.Min(blockRows, rows - r0);
            for (var r = 0; r < n; r++)
                for (var c = 0; c < cols; c++)
                    block[(r * cols) + c] = Value(r0 + r, c);
            w.WriteRows(block.AsSpan(0, n * cols));
        }
        w.Commit();
        return path;
    }

    [Theory]
    [InlineData(NpyDType.Float32, 1)]
    [InlineData(NpyDType.Float32, 64)]
    [InlineData(NpyDType.Float64, 1000)]
    [InlineData(NpyDType.Float64, 77)]
    public void ChunkedReadDeliversEveryRowOnceInOrder(NpyDType dtype, int chunk)
    {
        using var dir = new TempDir();
        const int rows = 1003, cols = 13; // 13 columns exercise the vector tail of the float32 widening
        var path = WriteStreamed(dir, rows, cols, dtype, blockRows: 100);
        using var reader = NpyRowReader.Open(path);
        Assert.Equal(rows, reader.Rows);
        Assert.Equal(cols, reader.Columns);
        for (var pass = 0; pass < 2; pass++)
        {
            var seen = 0;
            foreach (var (buffer, count) in reader.Chunks(chunk))
            {
                Assert.InRange(count, 1, chunk);
                for (var r = 0; r < count; r++)
                    for (var c = 0; c < cols; c++)
                        Assert.Equal(Value(seen + r, c), buffer[(r * cols) + c]);
                seen += count;
            }
            Assert.Equal(rows, seen);
            reader.Reset();
        }
    }

    [Fact]
    public void ReadRowsReturnsZeroAtTheEnd()
    {
        using var dir = new TempDir();
        var path = WriteStreamed(dir, 5, 2, NpyDType.Float64, 5);
        using var reader = NpyRowReader.Open(path);
        var dest = new double[6];
        Assert.Equal(3, reader.ReadRows(dest, 3));
        Assert.Equal(2, reader.ReadRows(dest, 3));
        Assert.Equal(0, reader.ReadRows(dest, 3));
        Assert.Equal(5, reader.Position);
    }

    [Fact]
    public void StreamWriterThatIsNotCompletedLeavesNoFile()
    {
        using var dir = new TempDir();
        var path = dir.File("partial.npy");
        using (var w = new NpyStreamWriter(path, 10, 2))
        {
            w.WriteRows([1, 2, 3, 4]);
            Assert.Throws<InvalidOperationException>(w.Commit);
        }
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void RowReaderRefusesRankOne()
    {
        using var dir = new TempDir();
        var path = dir.File("v.npy");
        NpyWriter.WriteVector(path, [1.0, 2.0, 3.0]);
        var ex = Assert.Throws<InputException>(() => NpyRowReader.Open(path));
        Assert.Equal($"{path}: expected a rank-2 array (rows × columns), got shape (3,)", ex.Message);
    }
}
