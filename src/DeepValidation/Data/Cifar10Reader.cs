using Collapse.Theory;

namespace Collapse.DeepValidation.Data;

/// <summary>
/// Reads the CIFAR-10 binary version (Krizhevsky 2009, "Learning Multiple Layers of Features from Tiny Images"):
/// files of 3073-byte records, one label byte 0–9 then 1024 red, 1024 green, 1024 blue bytes (32×32 row-major).
/// The folder (the unpacked <c>cifar-10-batches-bin</c>, or its parent) holds <c>data_batch_1.bin</c> …
/// <c>data_batch_5.bin</c> (train) and <c>test_batch.bin</c> (test).
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Bytes per record: 1 label + 3·32·32 pixels.</summary>
    public const int RecordLength = 1 + 3 * 32 * 32;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>Reads the train batches and the test batch of the folder <paramref name="folder"/>.</summary>
    public static DataSplit ReadFolder(string folder, string name)
    {
        if (!Directory.Exists(folder)) throw new InputException($"{folder}: CIFAR-10 folder not found");
        var root = Directory.Exists(Path.Combine(folder, "cifar-10-batches-bin")) ? Path.Combine(folder, "cifar-10-batches-bin") : folder;
        var trainFiles = Enumerable.Range(1, 5).Select(i => Path.Combine(root, $"data_batch_{i}.bin")).ToArray();
        var testFile = Path.Combine(root, "test_batch.bin");
        foreach (var f in trainFiles.Append(testFile))
            if (!File.Exists(f)) throw new InputException($"{f}: CIFAR-10 batch file not found (expected data_batch_1..5.bin and test_batch.bin)");
        return new DataSplit(name, ReadFiles(trainFiles), ReadFiles([testFile]));
    }

    /// <summary>Reads and concatenates CIFAR-10 binary batch files; pixels scaled to [0, 1], shape <c>[3, 32, 32]</c>.</summary>
    public static LabeledData ReadFiles(IReadOnlyList<string> files)
    {
        var batches = new List<byte[]>();
        long records = 0;
        foreach (var f in files)
        {
            if (!File.Exists(f)) throw new InputException($"{f}: file not found");
            var bytes = File.ReadAllBytes(f);
            if (bytes.Length == 0) throw new InputException($"{f}: empty CIFAR-10 batch file");
            if (bytes.Length % RecordLength != 0)
                throw new InputException($"{f}: {bytes.Length} bytes is not a whole number of {RecordLength}-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)");
            for (long r = 0; r < bytes.Length / RecordLength; r++)
            {
                var label = bytes[r * RecordLength];
                if (label >= Classes) throw new InputException($"{f}: record {r} has label {label}, outside 0..9");
            }
            batches.Add(bytes);
            records += bytes.Length / RecordLength;
        }
        if (records > int.MaxValue / (RecordLength - 1)) throw new InputException($"{files[0]}: too many records ({records})");
        var n = (int)records;
        var pixels = RecordLength - 1;
        var inputs = new float[(long)n * pixels];
        var labels = new int[n];
        var row = 0;
        foreach (var bytes in batches)
        {
            for (var r = 0; r < bytes.Length / RecordLength; r++, row++)
            {
                var offset = r * RecordLength;
                labels[row] = bytes[offset];
                var dst = inputs.AsSpan(row * pixels, pixels);
                var src = bytes.AsSpan(offset + 1, pixels);
                for (var p = 0; p < pixels; p++) dst[p] = src[p] / 255f;
            }
        }
        return new LabeledData(inputs, labels, [3, 32, 32], Classes, files[0]);
    }
}
