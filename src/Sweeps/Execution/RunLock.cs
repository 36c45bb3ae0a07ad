namespace Collapse.Sweeps.Execution;

/// <summary>
/// An exclusive lock on a run folder (<c>.lock</c>, an advisory <c>flock</c> taken by .NET's FileShare.None),
/// held by the process executing the run and released when it exits, even when killed. A second executor of the same
/// run (a resumed sweep while an orphaned run of the killed one still finishes, or a Slurm task and a local run)
/// waits for it instead of running the command twice at once.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null at once when another process holds it.</summary>
    public static RunLock? TryAcquire(string path)
    {
        try
        {
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            return null;
        }
    }

    /// <summary>Waits until the lock is free and takes it.</summary>
    public static async Task<RunLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAcquire(path) is { } held) return held;
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsSharingViolation(IOException ex) =>
        (ex.HResult & 0xFFFF) is 32 or 33 || ex.HResult == 11 /* EWOULDBLOCK */ || ex.Message.Contains("being used by another process", StringComparison.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
