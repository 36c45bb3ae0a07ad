using Collapse.DeepValidation.Data;
using Collapse.Theory;
using Xunit;

namespace Collapse.DeepValidation.Tests.Data;

public class Cifar10ReaderTests
{
    private static byte[] Records(params byte[] labels)
    {
        var b = new byte[labels.Length * Cifar10Reader.RecordLength];
        for (var r = 0; r < labels.Length; r++)
        {
            b[r * Cifar10Reader.RecordLength] = labels[r];
            for (var p = 1; p < Cifar10Reader.RecordLength; p++) b[r * Cifar10Reader.RecordLength + p] = (byte)((r + p) % 256);
        }
        return b;
    }

    [Fact]
    public void FolderOfBatchesReadsAsTrainAndTestWithPlanarChannels()
    {
        using var tmp = new TempFolder();
        for (var i = 1; i <= 5; i++) File.WriteAllBytes(tmp.File($"data_batch_{i}.bin"), Records((byte)(i - 1), 9));
        File.WriteAllBytes(tmp.File("test_batch.bin"), Records(3));
        var split = Cifar10Reader.ReadFolder(tmp.Path, "cifar10:x");
        Assert.Equal(10, split.Train.Count);
        Assert.Equal(new[] { 0, 9, 1, 9, 2, 9, 3, 9, 4, 9 }, split.Train.Labels);
        Assert.Equal(new[] { 3, 32, 32 }, split.Train.SampleShape);
        Assert.Single(split.Test.Labels);
        // first red pixel of record 0 is byte 1 of the record, first green pixel byte 1025
        Assert.Equal(1 / 255f, split.Train.Inputs[0]);
        Assert.Equal(1025 % 256 / 255f, split.Train.Inputs[1024]);
    }

    [Fact]
    public void TruncatedBatchIsAnInputErrorNamingTheFile()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("test_batch.bin");
        File.WriteAllBytes(path, Records(1, 2)[..5000]);
        var ex = Assert.Throws<InputException>(() => Cifar10Reader.ReadFiles([path]));
        Assert.StartsWith(path + ":", ex.Message);
        Assert.Contains("not a whole number of 3073-byte", ex.Message);
    }

    [Fact]
    public void LabelAboveNineIsAnInputError()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("b.bin");
        File.WriteAllBytes(path, Records(1, 12));
        Assert.Contains("record 1 has label 12", Assert.Throws<InputException>(() => Cifar10Reader.ReadFiles([path])).Message);
    }

    [Fact]
    public void MissingBatchFileIsNamed()
    {
        using var tmp = new TempFolder();
        File.WriteAllBytes(tmp.File("data_batch_1.bin"), Records(1));
        var ex = Assert.Throws<InputException>(() => Cifar10Reader.ReadFolder(tmp.Path, "cifar10"));
        Assert.Contains("data_batch_2.bin", ex.Message);
    }
}
