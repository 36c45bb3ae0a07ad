namespace Collapse.Sweeps.Specs;

/// <summary>Where a run's result comes from.</summary>
public enum ResultMode
{
    /// <summary>The command is called with <c>--json</c> and its stdout (one JSON object) is the result (etf, check, metrics, svm).</summary>
    Json,

    /// <summary>The command is called with <c>--out RUN/out</c> and writes <c>summary.json</c> there (ufm, deep train, deep permutations).</summary>
    Summary,
}

/// <summary>Names and defaults of <see cref="ResultMode"/>.</summary>
public static class ResultModes
{
    /// <summary>The file a <see cref="ResultMode.Summary"/> command writes in its <c>--out</c> folder.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>The spec name: <c>json</c> or <c>summary</c>.</summary>
    public static string Name(this ResultMode mode) => mode == ResultMode.Json ? "json" : "summary";

    /// <summary>Parses a spec name; null when unknown.</summary>
    public static ResultMode? Parse(string? name) => name switch
    {
        "json" => ResultMode.Json,
        "summary" => ResultMode.Summary,
        _ => null,
    };

    /// <summary>Default for a command: <c>summary</c> for the training commands (<c>ufm</c>, <c>deep …</c>), <c>json</c> otherwise.</summary>
    public static ResultMode DefaultFor(IReadOnlyList<string> command) =>
        command.Count > 0 && command[0] is "ufm" or "deep" ? ResultMode.Summary : ResultMode.Json;
}
