namespace Collapse.Theory.IO;

/// <summary>
/// Writes an output file atomically: the bytes go to a temporary file in the same folder, which is moved over the
/// final path only once complete, so a reader never sees a half-written output.
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates a uniquely named temporary file beside <paramref name="path"/> and returns its stream and path.</summary>
    /// <exception cref="InputException">The folder does not exist or cannot be written.</exception>
    public static (FileStream Stream, string TempPath) CreateTemp(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            return (new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), tmp);
        }
        catch (DirectoryNotFoundException) { throw new InputException($"{path}: cannot write, the folder {dir} does not exist"); }
        catch (UnauthorizedAccessException) { throw new InputException($"{path}: cannot write, permission denied in {dir}"); }
        catch (IOException ex) { throw new InputException($"{path}: cannot write: {ex.Message}", ex); }
    }

    /// <summary>Moves the finished temporary file over <paramref name="path"/>.</summary>
    public static void Commit(string tempPath, string path)
    {
        try { File.Move(tempPath, path, overwrite: true); }
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

    /// <summary>Writes <paramref name="path"/> atomically with <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var (stream, tmp) = CreateTemp(path);
        try
        {
            using (stream) write(stream);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
        Commit(tmp, path);
    }
}
