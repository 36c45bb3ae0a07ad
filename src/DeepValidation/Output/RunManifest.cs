using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// <c>manifest.json</c> of a run folder: the per-epoch .npy files of a network's penultimate-layer features, labels
/// and last layer (written by <c>collapse deep train --export-epochs</c> and by <c>tools/export_run.py</c>, read by
/// <c>collapse analyze-run</c>). Paths are relative to the folder.
/// </summary>
public sealed record RunManifest
{
    /// <summary>Format tag; always <c>collapse-run</c>.</summary>
    public string Format { get; init; } = "collapse-run";
    /// <summary>Format version (1).</summary>
    public int Version { get; init; } = 1;
    /// <summary>K.</summary>
    public int Classes { get; init; }
    /// <summary>d.</summary>
    public int FeatureDim { get; init; }
    /// <summary>Free text: who wrote the run (tool, model, dataset).</summary>
    public string? Source { get; init; }
    /// <summary>One entry per exported epoch, in order.</summary>
    public List<RunEpochEntry> Epochs { get; init; } = [];

    /// <summary>JSON options shared by the writer and reader (camelCase, indented, nulls omitted).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One exported epoch of a <see cref="RunManifest"/>.</summary>
public sealed record RunEpochEntry
{
    /// <summary>Epoch number (1-based).</summary>
    public int Epoch { get; init; }
    /// <summary>Train features N×d.</summary>
    public string TrainFeatures { get; init; } = "";
    /// <summary>Train labels N.</summary>
    public string TrainLabels { get; init; } = "";
    /// <summary>Test features M×d (optional).</summary>
    public string? TestFeatures { get; init; }
    /// <summary>Test labels M (optional, with <see cref="TestFeatures"/>).</summary>
    public string? TestLabels { get; init; }
    /// <summary>Last-layer weight K×d.</summary>
    public string Classifier { get; init; } = "";
    /// <summary>Last-layer bias K (optional).</summary>
    public string? Bias { get; init; }
    /// <summary>Wall seconds of the epoch's training, if the writer measured it.</summary>
    public double? EpochSeconds { get; init; }
}
