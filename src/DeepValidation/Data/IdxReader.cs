using System.Buffers.Binary;
using System.IO.Compression;
using Collapse.Theory;

namespace Collapse.DeepValidation.Data;

/// <summary>An unsigned-byte IDX array: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">Sizes of the dimensions, outermost first (e.g. <c>[N, 28, 28]</c>).</param>
/// <param name="Values">Row-major values, Π <paramref name="Dimensions"/> bytes.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Values);

/// <summary>
/// Reads the IDX format of the MNIST distribution (LeCun et al.; also Fashion-MNIST, Xiao et al. 2017): a 4-byte
/// magic <c>00 00 TT NN</c> (TT = element type, NN = number of dimensions), NN big-endian int32 sizes, then the
/// values row-major. Files may be gzipped (detected by the gzip magic <c>1f 8b</c>, whatever the file name).
/// Only the unsigned-byte element type (0x08), which is what image and label files use, is accepted.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads a whole IDX file. Throws <see cref="InputException"/> naming the file on any defect.</summary>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        byte[] bytes;
        try
        {
            bytes = ReadMaybeGzipped(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InputException($"{path}: corrupt gzip stream ({ex.Message.TrimEnd('.')})", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new InputException($"{path}: truncated gzip stream", ex);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses IDX bytes already in memory (not gzipped); <paramref name="source"/> names them in errors.</summary>
    public static IdxArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 4) throw new InputException($"{source}: {bytes.Length} bytes, too short for an IDX header");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new InputException($"{source}: not an IDX file (magic starts {bytes[0]:x2} {bytes[1]:x2}, expected 00 00)");
        var type = bytes[2];
        var rank = bytes[3];
        if (type != UnsignedByte)
            throw new InputException($"{source}: IDX element type 0x{type:x2} is not supported (only unsigned byte, 0x08)");
        if (rank == 0) throw new InputException($"{source}: IDX header declares 0 dimensions");
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new InputException($"{source}: truncated IDX header ({bytes.Length} bytes, {headerLength} needed for {rank} dimensions)");
        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var d = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + 4 * i, 4));
            if (d < 0) throw new InputException($"{source}: IDX dimension {i} has negative size {d}");
            dims[i] = d;
            count *= d;
        }
        var payload = bytes.Length - headerLength;
        if (payload < count)
            throw new InputException($"{source}: truncated IDX data ({payload} bytes of {count} declared by dimensions [{string.Join(", ", dims)}])");
        if (payload > count)
            throw new InputException($"{source}: {payload - count} trailing bytes after the {count} declared by dimensions [{string.Join(", ", dims)}]");
        return new IdxArray(dims, bytes.Slice(headerLength).ToArray());
    }

    /// <summary>
    /// Reads an image file (rank 3, <c>N × rows × cols</c>) and its label file (rank 1, N) into
    /// <see cref="LabeledData"/> with sample shape <c>[1, rows, cols]</c>, pixels scaled to [0, 1].
    /// </summary>
    /// <param name="imagesPath">IDX image file.</param>
    /// <param name="labelsPath">IDX label file.</param>
    /// <param name="classes">Number of classes; labels must lie in <c>0..classes-1</c>.</param>
    public static LabeledData ReadImagesAndLabels(string imagesPath, string labelsPath, int classes)
    {
        var images = Read(imagesPath);
        var labels = Read(labelsPath);
        if (images.Dimensions.Length != 3)
            throw new InputException($"{imagesPath}: image file must have 3 dimensions (N, rows, cols), has {images.Dimensions.Length}");
        if (labels.Dimensions.Length != 1)
            throw new InputException($"{labelsPath}: label file must have 1 dimension (N), has {labels.Dimensions.Length}");
        var n = images.Dimensions[0];
        if (labels.Dimensions[0] != n)
            throw new InputException($"{labelsPath}: {labels.Dimensions[0]} labels for the {n} images of {imagesPath}");
        var inputs = new float[images.Values.Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = images.Values[i] / 255f;
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = labels.Values[i];
            if (y[i] >= classes) throw new InputException($"{labelsPath}: label {y[i]} of sample {i} is outside 0..{classes - 1}");
        }
        return new LabeledData(inputs, y, [1, images.Dimensions[1], images.Dimensions[2]], classes, imagesPath);
    }

    private static byte[] ReadMaybeGzipped(string path)
    {
        using var file = File.OpenRead(path);
        var b0 = file.ReadByte();
        var b1 = file.ReadByte();
        file.Position = 0;
        if (b0 == 0x1f && b1 == 0x8b)
        {
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            return ms.ToArray();
        }
        return File.ReadAllBytes(path);
    }
}
