using System.Text;
using Collapse.Theory.IO;
using Xunit;

namespace Collapse.Theory.Tests.IO;

public class AtomicFileTests
{
    private sealed class InjectedFault : Exception;

    [Fact]
    public void WriterThatThrowsMidWriteLeavesNeitherTempNorPartialTargetAndTheOldTargetIntact()
    {
        using var dir = new TempDir();
        var path = dir.File("out.csv");
        AtomicFile.WriteAllText(path, "old,content\n");

        Assert.Throws<InjectedFault>(() => AtomicFile.Write(path, s =>
        {
            s.Write(Encoding.UTF8.GetBytes("new,partial"));
            s.Flush();
            throw new InjectedFault();
        }));

        Assert.Equal("old,content\n", File.ReadAllText(path));
        Assert.Equal(new[] { "out.csv" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void AWriterThatClosesTheStreamStillCommitsTheWholeFile()
    {
        using var dir = new TempDir();
        var path = dir.File("shard.bin");
        AtomicFile.Write(path, s =>
        {
            using var w = new BinaryWriter(s); // disposes s
            w.Write(42L);
            w.Write(1.5);
        });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(16, bytes.Length);
        Assert.Equal(42L, BitConverter.ToInt64(bytes, 0));
        Assert.Equal(new[] { "shard.bin" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void WriterThatThrowsBeforeAnyTargetExistsLeavesTheFolderEmpty()
    {
        using var dir = new TempDir();
        var path = dir.File("fresh.json");
        Assert.Throws<InjectedFault>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new InjectedFault();
        }));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FailedMoveIsAnInputErrorAndDeletesTheTemp()
    {
        using var dir = new TempDir();
        var path = dir.File("taken");
        Directory.CreateDirectory(Path.Combine(path, "child")); // a non-empty folder cannot be replaced by a file
        var ex = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains("taken", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void StreamedTempThatIsCommittedReplacesTheTargetAndLeavesNoTemp()
    {
        using var dir = new TempDir();
        var path = dir.File("big.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        var (stream, tmp) = AtomicFile.CreateTemp(path);
        using (stream) stream.Write([9, 8]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        AtomicFile.Commit(tmp, path);
        Assert.Equal(new byte[] { 9, 8 }, File.ReadAllBytes(path));
        Assert.False(File.Exists(tmp));
    }

    [Fact]
    public void TextIsUtf8WithoutByteOrderMarkAndFolderIsCreatedOnlyWhenAskedFor()
    {
        using var dir = new TempDir();
        var nested = Path.Combine(dir.Path, "a", "b", "t.txt");
        Assert.Throws<InputException>(() => AtomicFile.WriteAllText(nested, "é"));
        AtomicFile.WriteAllText(nested, "é", createFolder: true);
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, File.ReadAllBytes(nested));
    }
}
