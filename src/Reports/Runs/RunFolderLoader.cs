using Collapse.Theory;

namespace Collapse.Reports.Runs;

/// <summary>
/// Loads run folders for the run report: <c>epochs.csv</c> (required), <c>gamma.csv</c> and <c>claims.csv</c>
/// (optional), <c>run.json</c> / <c>manifest.json</c> (optional metadata). Everything is read and validated before the
/// report is written, so bad input leaves no output; every problem is a one-line <see cref="InputException"/>.
/// </summary>
public static class RunFolderLoader
{
    /// <summary>Loads one folder under the label <paramref name="label"/>.</summary>
    public static RunData Load(string folder, string label)
    {
        if (!Directory.Exists(folder))
            throw new InputException(File.Exists(folder) ? $"--run {folder}: is a file, expected a run folder" : $"--run {folder}: run folder not found");
        var epochsPath = Path.Combine(folder, RunEpochsReader.FileName);
        if (!File.Exists(epochsPath))
        {
            var hint = File.Exists(Path.Combine(folder, RunMetadataReader.ManifestFile))
                ? $" (a folder of .npy exports: run `collapse analyze-run {folder}` first)"
                : " (written by `collapse deep train --out` and `collapse analyze-run`)";
            throw new InputException($"--run {folder}: no {RunEpochsReader.FileName}{hint}");
        }
        var metadata = RunMetadataReader.Read(folder);
        var epochs = RunEpochsReader.Read(epochsPath);
        var gammaPath = Path.Combine(folder, GammaReader.FileName);
        var gamma = File.Exists(gammaPath) ? GammaReader.Read(gammaPath, metadata.Classes) : null;
        var claimsPath = Path.Combine(folder, RunClaimsReader.FileName);
        var claims = File.Exists(claimsPath) ? RunClaimsReader.Read(claimsPath) : null;
        return new RunData(label, folder, epochs, gamma, claims, metadata.Entries);
    }

    /// <summary>Loads every folder (at least one); labels are the shortest distinct path suffixes (<see cref="Labels"/>).</summary>
    public static IReadOnlyList<RunData> LoadAll(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0) throw new InputException("--run: at least one run folder is required");
        var full = folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToList();
        for (var i = 0; i < full.Count; i++)
            for (var j = 0; j < i; j++)
                if (string.Equals(full[i], full[j], StringComparison.Ordinal))
                    throw new InputException($"--run {folders[i]}: given twice");
        var labels = Labels(full);
        return folders.Select((f, i) => Load(f, labels[i])).ToList();
    }

    /// <summary>
    /// Short names for folders: the last path component, or as many trailing components as make the names distinct
    /// (<c>a/seed-1/export</c>, <c>a/seed-2/export</c> → <c>seed-1/export</c>, <c>seed-2/export</c>).
    /// </summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<string> fullPaths)
    {
        var parts = fullPaths.Select(p => p.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var depth = 1;
        while (true)
        {
            var labels = parts.Select(p => p.Length == 0 ? "/" : string.Join('/', p[Math.Max(0, p.Length - depth)..])).ToList();
            if (labels.Distinct(StringComparer.Ordinal).Count() == labels.Count || parts.All(p => p.Length <= depth)) return labels;
            depth++;
        }
    }
}
