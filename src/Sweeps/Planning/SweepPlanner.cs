using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Specs;
using Collapse.Theory;

namespace Collapse.Sweeps.Planning;

/// <summary>What planning did to the sweep folder.</summary>
/// <param name="Plan">The plan written to plan.json.</param>
/// <param name="Created">Run folders created now.</param>
/// <param name="Existing">Run folders that were already there (same id = same configuration; kept as they are).</param>
/// <param name="Done">Runs already finished with a result (skipped by the executors).</param>
/// <param name="Failed">Runs already finished without a result.</param>
/// <param name="Stale">Run folders under runs/ that belong to no point of this plan (left alone, ignored by merge).</param>
public sealed record PlanOutcome(SweepPlan Plan, int Created, int Existing, int Done, int Failed, int Stale);

/// <summary>
/// Expands a spec into the sweep folder: <c>plan.json</c> plus one <c>runs/&lt;id&gt;/config.json</c> per grid
/// point. Idempotent: planning the same spec again changes nothing, and after adding values to an axis only the new
/// points get new folders; finished runs keep their results.
/// </summary>
public static class SweepPlanner
{
    /// <summary>Plans <paramref name="spec"/> into <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="InputException">The folder cannot be created, or a run folder holds a different configuration.</exception>
    public static PlanOutcome Plan(SweepSpec spec, string directory)
    {
        if (File.Exists(directory)) throw new InputException($"--out {directory}: is a file, expected a folder");
        try { Directory.CreateDirectory(SweepLayout.RunsDir(directory)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new InputException($"--out {directory}: cannot create the folder: {ex.Message}", ex); }

        var plan = SweepPlan.Of(spec, directory);
        int created = 0, existing = 0, done = 0, failed = 0;
        foreach (var run in plan.Runs)
        {
            var runDir = plan.RunDir(run);
            var configPath = SweepLayout.ConfigFile(runDir);
            if (File.Exists(configPath))
            {
                var stored = RunConfig.Read(configPath);
                if (stored.Id != run.Id) throw new InputException($"{configPath}: holds run {stored.Id}, expected {run.Id}");
                existing++;
                switch (RunStatus.StateOf(runDir))
                {
                    case RunState.Done: done++; break;
                    case RunState.Failed: failed++; break;
                }
                continue;
            }
            Directory.CreateDirectory(runDir);
            run.Config.Write(configPath);
            created++;
        }
        plan.Write();
        var ids = plan.Runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var stale = Directory.EnumerateDirectories(SweepLayout.RunsDir(directory)).Count(d => !ids.Contains(Path.GetFileName(d)));
        return new PlanOutcome(plan, created, existing, done, failed, stale);
    }
}
