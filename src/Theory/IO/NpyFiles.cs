namespace Collapse.Theory.IO;

/// <summary>Opens files for reading and turns OS errors into one-line <see cref="InputException"/>s.</summary>
internal static class NpyFiles
{
    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,
                Options = FileOptions.SequentialScan,
            });
        }
        catch (FileNotFoundException) { throw new InputException($"{path}: file not found"); }
        catch (DirectoryNotFoundException) { throw new InputException($"{path}: file not found (no such directory)"); }
        catch (UnauthorizedAccessException) { throw new InputException($"{path}: permission denied (or it is a directory)"); }
        catch (IOException ex) { throw new InputException($"{path}: cannot open: {ex.Message}", ex); }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws a truncation error.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        var got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got < buffer.Length)
            throw new InputException($"{path}: truncated {what}: expected {buffer.Length} more bytes, file ended after {got}");
    }
}
