using System.Text;

namespace Collapse.Theory.IO;

/// <summary>
/// The one way every project writes an output file: the bytes go to a uniquely named temporary file in the target's
/// folder, are flushed to disk (fsync), and the temporary file is then renamed over the target. A reader never sees a
/// half-written file; when writing fails the temporary file is deleted and an existing target stays as it was.
/// </summary>
/// <remarks>
/// The target's folder must exist unless a caller asks for it with <c>createFolder: true</c>; a missing folder,
/// denied permission or an I/O failure is reported as an <see cref="InputException"/> naming the path.
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates a uniquely named temporary file beside <paramref name="path"/> and returns its stream and path.
    /// Finish with <see cref="Commit"/> (after disposing the stream) or <see cref="TryDelete"/>.</summary>
    /// <exception cref="InputException">The folder does not exist or cannot be written.</exception>
    public static (FileStream Stream, string TempPath) CreateTemp(string path, bool createFolder = false)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (createFolder) Directory.CreateDirectory(dir);
            return (new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), tmp);
        }
        catch (DirectoryNotFoundException) { throw new InputException($"{path}: cannot write, the folder {dir} does not exist"); }
        catch (UnauthorizedAccessException) { throw new InputException($"{path}: cannot write, permission denied in {dir}"); }
        catch (IOException ex) { throw new InputException($"{path}: cannot write: {ex.Message}", ex); }
    }

    /// <summary>Flushes the finished (closed) temporary file to disk and renames it over <paramref name="path"/>;
    /// on failure the temporary file is deleted.</summary>
    /// <exception cref="InputException">The file could not be synced or moved into place.</exception>
    public static void Commit(string tempPath, string path)
    {
        try
        {
            // fsync acts on the file, not the descriptor: reopening the closed temp file and syncing it is enough.
            using (var sync = new FileStream(tempPath, FileMode.Open, FileAccess.Write, FileShare.None)) sync.Flush(flushToDisk: true);
            File.Move(tempPath, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(tempPath);
            throw new InputException($"{path}: cannot write: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes a temporary file, ignoring failures.</summary>
    public static void TryDelete(string tempPath)
    {
        try { File.Delete(tempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Writes <paramref name="path"/> atomically with <paramref name="write"/>; if <paramref name="write"/>
    /// throws, the temporary file is deleted, the exception propagates and an existing target is left untouched.</summary>
    public static void Write(string path, Action<Stream> write, bool createFolder = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (stream, tmp) = CreateTemp(path, createFolder);
        try
        {
            using (stream)
            {
                write(stream);
                if (stream.CanWrite) stream.Flush(flushToDisk: true);
            }
            // A writer that owned the stream (e.g. a BinaryWriter without leaveOpen) has closed it, flushing to the OS
            // but not to disk: reopen the temporary file for the fsync.
            if (!stream.CanWrite) FlushToDisk(tmp);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
        Move(tmp, path);
    }

    private static void FlushToDisk(string tempPath)
    {
        using var f = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        f.Flush(flushToDisk: true);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool createFolder = false)
    {
        var (stream, tmp) = CreateTemp(path, createFolder);
        try
        {
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
        Move(tmp, path);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, bool createFolder = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8NoBom.GetBytes(text), createFolder);
    }

    private static void Move(string tempPath, string path)
    {
        try { File.Move(tempPath, path, overwrite: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(tempPath);
            throw new InputException($"{path}: cannot write: {ex.Message}", ex);
        }
    }
}
