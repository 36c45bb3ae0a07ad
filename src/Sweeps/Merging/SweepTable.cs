using System.Globalization;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Merging;

/// <summary>
/// The merged sweep: one row per planned run with its configuration columns (axes, then fixed options), its result
/// columns (union over runs, in order of first appearance) and its state; failed runs carry their error line.
/// </summary>
/// <param name="Plan">The plan the rows follow (grid order).</param>
/// <param name="ConfigColumns">Option names, axes first.</param>
/// <param name="ResultColumns">Flattened result keys.</param>
/// <param name="Rows">One row per run, in grid order.</param>
public sealed record SweepTable(SweepPlan Plan, IReadOnlyList<string> ConfigColumns, IReadOnlyList<string> ResultColumns, IReadOnlyList<SweepRow> Rows)
{
    /// <summary>Leading bookkeeping columns of sweep.csv.</summary>
    public static readonly IReadOnlyList<string> LeadColumns = ["index", "id", "state"];

    /// <summary>Every column of sweep.csv: index, id, state, configuration, results, errorLine.</summary>
    public IReadOnlyList<string> Columns => [.. LeadColumns, .. ConfigColumns, .. ResultColumns.Select(ResultHeader), "errorLine"];

    /// <summary>Header of a result column: the flattened key, prefixed <c>result.</c> when an option has the same name
    /// (a command that reports a different value than it was given, e.g. a normalized one).</summary>
    public string ResultHeader(string key) => ConfigColumns.Contains(key) || LeadColumns.Contains(key) || key == "errorLine" ? "result." + key : key;

    /// <summary>Runs done / failed / pending.</summary>
    public int Count(RunState state) => Rows.Count(r => r.State == state);

    /// <summary>The cells of a row, in <see cref="Columns"/> order.</summary>
    public IReadOnlyList<string> Cells(SweepRow row)
    {
        var options = row.Run.Config.Options.ToDictionary(o => o.Key, o => o.CellText, StringComparer.Ordinal);
        var cells = new List<string>
        {
            row.Run.Index.ToString(CultureInfo.InvariantCulture),
            row.Run.Id,
            StateName(row.State),
        };
        foreach (var c in ConfigColumns) cells.Add(options.GetValueOrDefault(c, ""));
        foreach (var c in ResultColumns) cells.Add(row.Results.GetValueOrDefault(c, ""));
        cells.Add(row.Status?.ErrorLine ?? "");
        return cells;
    }

    /// <summary>done, failed or pending.</summary>
    public static string StateName(RunState state) => state switch
    {
        RunState.Done => "done",
        RunState.Failed => "failed",
        _ => "pending",
    };
}
