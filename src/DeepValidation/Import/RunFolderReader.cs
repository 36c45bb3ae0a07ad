using System.Text.Json;
using Collapse.DeepValidation.Output;
using Collapse.Theory;

namespace Collapse.DeepValidation.Import;

/// <summary>Reads and validates the <c>manifest.json</c> of a run folder (<see cref="RunManifest"/>).</summary>
public static class RunFolderReader
{
    /// <summary>Reads the manifest of <paramref name="folder"/>; every problem is a one-line <see cref="InputException"/>.</summary>
    public static RunManifest ReadManifest(string folder)
    {
        if (!Directory.Exists(folder)) throw new InputException($"{folder}: run folder not found");
        var path = Path.Combine(folder, "manifest.json");
        if (!File.Exists(path)) throw new InputException($"{path}: manifest not found (a run folder holds manifest.json, see tools/export_run.py)");
        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), RunManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}: not valid JSON ({ex.Message.Split('\n')[0]})", ex);
        }
        if (manifest is null) throw new InputException($"{path}: empty manifest");
        if (manifest.Format != "collapse-run") throw new InputException($"{path}: format is '{manifest.Format}', expected 'collapse-run'");
        if (manifest.Version != 1) throw new InputException($"{path}: version {manifest.Version} is not supported (1)");
        if (manifest.Epochs.Count == 0) throw new InputException($"{path}: no epochs listed");
        var seen = new HashSet<int>();
        foreach (var e in manifest.Epochs)
        {
            if (e.Epoch < 0) throw new InputException($"{path}: epoch {e.Epoch} is negative");
            if (!seen.Add(e.Epoch)) throw new InputException($"{path}: epoch {e.Epoch} is listed twice");
            if (string.IsNullOrEmpty(e.TrainFeatures) || string.IsNullOrEmpty(e.TrainLabels) || string.IsNullOrEmpty(e.Classifier))
                throw new InputException($"{path}: epoch {e.Epoch} lacks trainFeatures, trainLabels or classifier");
            if ((e.TestFeatures is null) != (e.TestLabels is null))
                throw new InputException($"{path}: epoch {e.Epoch} has only one of testFeatures/testLabels");
        }
        return manifest with { Epochs = manifest.Epochs.OrderBy(e => e.Epoch).ToList() };
    }
}
