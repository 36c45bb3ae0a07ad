using Collapse.Theory.Claims;

namespace Collapse.Reports.Sweeps;

/// <summary>A run of a sweep that failed, with the line that says why.</summary>
/// <param name="Index">Grid index.</param>
/// <param name="Id">Run id (folder under runs/).</param>
/// <param name="Point">The run's axis values, <c>k=v</c> joined by spaces.</param>
/// <param name="ErrorLine">The failure's one line.</param>
public sealed record SweepFailure(int Index, string Id, string Point, string ErrorLine);

/// <summary>
/// The report section of a merged sweep (<c>collapse report --sweep DIR</c>): what was swept, how many runs finished,
/// the failed runs with their error lines, plots across the axes, and a preview of the merged table.
/// </summary>
/// <param name="Name">Sweep name.</param>
/// <param name="Command">The swept command line (<c>collapse ufm …</c>).</param>
/// <param name="Axes">One description per axis (<c>imbalance: 1, 2, 4, 8</c>).</param>
/// <param name="Runs">Runs planned.</param>
/// <param name="Done">Runs finished with a result.</param>
/// <param name="Failed">Runs failed.</param>
/// <param name="Unfinished">Runs without a status.</param>
/// <param name="Failures">The failed runs.</param>
/// <param name="Plots">Plots across the axes.</param>
/// <param name="Columns">Columns of the table preview.</param>
/// <param name="Rows">Rows of the table preview (cells in <paramref name="Columns"/> order).</param>
/// <param name="TableFile">Path of the full merged table (sweep.csv), as linked from the report.</param>
public sealed record SweepReport(
    string Name, string Command, IReadOnlyList<string> Axes, int Runs, int Done, int Failed, int Unfinished,
    IReadOnlyList<SweepFailure> Failures, IReadOnlyList<PlotSpec> Plots,
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string TableFile)
{
    /// <summary>True when every planned run finished with a result.</summary>
    public bool Complete => Done == Runs;
}
