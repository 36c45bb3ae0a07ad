using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;

namespace Collapse.Sweeps.Merging;

/// <summary>One run in the merged table.</summary>
/// <param name="Run">The planned run (index, id, configuration).</param>
/// <param name="State">Done, failed, or pending (no status yet).</param>
/// <param name="Status">Its status.json, null while pending.</param>
/// <param name="Results">Flattened result cells (empty unless done).</param>
public sealed record SweepRow(PlannedRun Run, RunState State, RunStatus? Status, IReadOnlyDictionary<string, string> Results);
