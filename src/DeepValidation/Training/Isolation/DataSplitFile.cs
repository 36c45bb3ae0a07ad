using System.Text;
using Collapse.DeepValidation.Data;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// A <see cref="DataSplit"/> as one binary file (little-endian): magic, name, then for the train and the test part
/// the source, class count, sample shape, float32 inputs and int32 labels. Exact: a child process trains on the same
/// bytes as the parent would, whatever the split was loaded or generated from.
/// </summary>
public static class DataSplitFile
{
    private const string Magic = "COLLAPSE-DATASPLIT-1";

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, DataSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(data.Name);
            WritePart(w, data.Train);
            WritePart(w, data.Test);
        });
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a damaged file is an <see cref="InputException"/>.</summary>
    public static DataSplit Read(string path)
    {
        try
        {
            using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (r.ReadString() != Magic) throw new InputException($"{path}: not a Collapse data-split file");
            var name = r.ReadString();
            return new DataSplit(name, ReadPart(r), ReadPart(r));
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: unreadable data-split file ({ex.Message})");
        }
    }

    private static void WritePart(BinaryWriter w, LabeledData part)
    {
        w.Write(part.Source);
        w.Write(part.Classes);
        w.Write(part.SampleShape.Count);
        foreach (var s in part.SampleShape) w.Write(s);
        w.Write(part.Count);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.Inputs.AsSpan()));
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.Labels.AsSpan()));
    }

    private static LabeledData ReadPart(BinaryReader r)
    {
        var source = r.ReadString();
        var classes = r.ReadInt32();
        var shape = new int[r.ReadInt32()];
        for (var i = 0; i < shape.Length; i++) shape[i] = r.ReadInt32();
        var count = r.ReadInt32();
        var size = 1L;
        foreach (var s in shape) size *= s;
        var inputs = new float[checked(count * size)];
        var labels = new int[count];
        ReadExactly(r, System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs.AsSpan()));
        ReadExactly(r, System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()));
        return new LabeledData(inputs, labels, shape, classes, source);
    }

    private static void ReadExactly(BinaryReader r, Span<byte> target)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("data-split files are little-endian");
        r.BaseStream.ReadExactly(target);
    }
}
