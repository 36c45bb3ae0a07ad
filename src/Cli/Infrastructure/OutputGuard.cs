using Collapse.Theory;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// The output folders of the running command, so that a command that fails leaves nothing half-written and no
/// command leaves an empty folder behind. A command calls <see cref="Track"/> with its <c>--out</c> folder before it
/// writes anything there; <see cref="CliApp"/> opens a guard around every command and, when the command
/// <list type="bullet">
/// <item>returns (any exit code: its outputs are its result), removes the tracked folders it created and left empty;</item>
/// <item>throws (bad input, or an unexpected exception), removes what it created: a tracked folder that did not exist
/// (with any parent folders created for it), or, in a folder that existed, the entries that were not there before.</item>
/// </list>
/// Files that existed before and were rewritten are not restored (every writer replaces files atomically, so they are
/// whole). Guards are per invocation (async-local), so in-process invocations on several threads do not mix.
/// </summary>
public sealed class OutputGuard
{
    private static readonly AsyncLocal<OutputGuard?> Active = new();
    private readonly List<Tracked> _folders = [];

    private OutputGuard() { }

    /// <summary>
    /// Registers <paramref name="folder"/> as an output folder of the running command and returns it unchanged. Call it
    /// before creating or writing the folder (and before any long work: it also checks that the folder can be made).
    /// Outside a <see cref="CliApp"/> invocation (library use) it only checks.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="flag">The flag that named it, for the message of an <see cref="InputException"/>.</param>
    /// <exception cref="InputException">The folder is an existing file, or a parent of it is a file (it cannot be created).</exception>
    public static string Track(string folder, string flag = "--out")
    {
        ArgumentNullException.ThrowIfNull(folder);
        RequireCreatableFolder(folder, flag);
        Active.Value?.Add(folder);
        return folder;
    }

    /// <summary>
    /// Checks that <paramref name="folder"/> is a folder or can be created: it is not an existing file and its nearest
    /// existing parent is a folder. Nothing is created.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="flag">The flag that named it, for the message.</param>
    /// <exception cref="InputException">The check fails (one line naming the flag and the path).</exception>
    public static void RequireCreatableFolder(string folder, string flag)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (string.IsNullOrWhiteSpace(folder)) throw new InputException($"{flag}: empty path, expected a folder");
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new InputException($"{flag} {folder}: is a file, expected a folder");
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent)) return;
            if (File.Exists(parent)) throw new InputException($"{flag} {folder}: cannot create the folder, {parent} is a file");
        }
    }

    /// <summary>
    /// Checks, before any long work, that the file <paramref name="path"/> can be written where it is written last
    /// (atomically, into an existing folder): it is not a folder and its folder exists. Nothing is created.
    /// </summary>
    /// <param name="path">The output file.</param>
    /// <param name="flag">The flag that named it, for the message.</param>
    /// <exception cref="InputException">The check fails (one line naming the flag and the path).</exception>
    public static void RequireWritableFile(string path, string flag)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new InputException($"{flag}: empty path, expected a file name");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InputException($"{flag} {path}: expected a file name, not a folder");
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder)) throw new InputException($"{flag} {path}: cannot write, the folder {folder} does not exist");
    }

    /// <summary>The folders tracked by the running invocation (full paths, in order).</summary>
    public static IReadOnlyList<string> Current => Active.Value?._folders.Select(f => f.Path).ToList() ?? [];

    /// <summary>Opens the guard of one invocation (replacing any previous one on this async flow).</summary>
    internal static OutputGuard Begin()
    {
        var guard = new OutputGuard();
        Active.Value = guard;
        return guard;
    }

    /// <summary>The first tracked folder that exists (after <see cref="Rollback"/>: one that existed before), or null.</summary>
    internal string? ExistingFolder => _folders.Select(f => f.Path).FirstOrDefault(Directory.Exists);

    /// <summary>The command returned: removes tracked folders it created and left empty (and their created, now empty parents).</summary>
    internal void Commit()
    {
        foreach (var f in _folders)
            if (!f.Existed) RemoveEmptyUpTo(f.Path, f.CreatedRoot);
        Active.Value = null;
    }

    /// <summary>The command failed: removes what it created in its tracked folders (see the class summary).</summary>
    internal void Rollback()
    {
        foreach (var f in Enumerable.Reverse(_folders))
        {
            try
            {
                if (!f.Existed)
                {
                    if (Directory.Exists(f.CreatedRoot)) Directory.Delete(f.CreatedRoot, recursive: true);
                }
                else if (Directory.Exists(f.Path))
                {
                    foreach (var entry in Directory.EnumerateFileSystemEntries(f.Path).ToList())
                    {
                        if (f.Before.Contains(Path.GetFileName(entry))) continue;
                        if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                        else File.Delete(entry);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a folder we cannot clean is left as it is; the error line already says the command failed.
            }
        }
        Active.Value = null;
    }

    private void Add(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (_folders.Any(f => f.Path == full)) return;
        if (Directory.Exists(full))
        {
            var before = Directory.EnumerateFileSystemEntries(full).Select(e => Path.GetFileName(e)).ToHashSet(StringComparer.Ordinal);
            _folders.Add(new Tracked(full, true, full, before));
            return;
        }
        if (File.Exists(full)) return; // not a folder: the command reports that itself
        // The topmost folder that the command's CreateDirectory will create.
        var root = full;
        for (var parent = Path.GetDirectoryName(root); parent is not null && !Directory.Exists(parent) && !File.Exists(parent); parent = Path.GetDirectoryName(parent))
            root = parent;
        _folders.Add(new Tracked(full, false, root, []));
    }

    private static void RemoveEmptyUpTo(string folder, string root)
    {
        try
        {
            for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
                Directory.Delete(dir);
                if (dir == root) return;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as in Rollback.
        }
    }

    private sealed record Tracked(string Path, bool Existed, string CreatedRoot, HashSet<string> Before);
}
