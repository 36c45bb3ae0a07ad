namespace Collapse.Cli.Tests.Fuzz;

internal static partial class FuzzCorpus
{
    /// <summary>
    /// The sharded metric run (<c>metrics --shards</c>, <c>metrics plan|shard|merge</c>): bad shard counts, executors,
    /// run folders and pass/index flags.
    /// </summary>
    private static IEnumerable<FuzzCase> MetricShards()
    {
        static (string, string)[] Valid(FuzzWorkspace ws)
        {
            var (h, y, _, _) = ws.Valid();
            return [("--features", h), ("--labels", y)];
        }
        static (string, string)[] Sharded(FuzzWorkspace ws) => [.. Valid(ws), ("--shards", "2"), ("--local", ""), ("--work", ws.Out)];
        foreach (var c in FlagCases("metrics", ["metrics"], Sharded,
                     new("--shards", "0", "-2", "abc"),
                     new("--threads", "0", "-1"),
                     new("--screening", "float16")))
            yield return c with { Name = "sharded-" + c.Name };
        yield return Bad("metrics", "sharded-without-executor", ws => With(["metrics"], Sharded(ws), "--local", null), "--shards", "--local");
        yield return Bad("metrics", "sharded-local-and-slurm", ws => [.. Sharded(ws).SelectMany(p => p.Item2.Length > 0 ? new[] { p.Item1, p.Item2 } : [p.Item1]).Prepend("metrics"), "--slurm"], "--slurm");
        yield return Bad("metrics", "sharded-without-work", ws => With(["metrics"], Sharded(ws), "--work", null), "--work");
        yield return Bad("metrics", "sharded-work-is-a-file", ws => With(["metrics"], Sharded(ws), "--work", ws.ExistingFile), "taken.txt");
        yield return Bad("metrics", "sharded-work-unwritable", ws => With(["metrics"], Sharded(ws), "--work", ws.Unwritable), "taken.txt");
        yield return Bad("metrics", "local-without-shards", ws => [.. With(["metrics"], Valid(ws), "--local", "")], "--local");
        yield return Bad("metrics", "work-without-shards", ws => [.. With(["metrics"], Valid(ws), "--work", ws.Out)], "--work");
        yield return Bad("metrics", "sharded-timings", ws => With(["metrics"], Sharded(ws), "--timings", ws.PathOf("t.json")), "--timings");
        yield return Bad("metrics", "timings-empty-string", ws => With(["metrics"], Valid(ws), "--timings", Empty), "--timings");
        yield return Bad("metrics", "features-empty-string", ws => With(["metrics"], Valid(ws), "--features", Empty), "--features");
        yield return Bad("metrics", "timings-unwritable", ws => With(["metrics"], Valid(ws), "--timings", Path.Combine(ws.Unwritable, "t.json")), "t.json");

        static (string, string)[] Plan(FuzzWorkspace ws) => [.. Valid(ws), ("--shards", "2"), ("--out", ws.Out)];
        foreach (var c in FlagCases("metrics", ["metrics", "plan"], Plan, new("--shards", "0", "-1", NaN), new("--classes", "1", "-3"), new("--out", Empty)))
            yield return c with { Name = "plan-" + c.Name };
        yield return Bad("metrics", "plan-without-out", ws => With(["metrics", "plan"], Plan(ws), "--out", null), "--out");
        yield return Bad("metrics", "plan-out-is-a-file", ws => With(["metrics", "plan"], Plan(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("metrics", "plan-out-unwritable", ws => With(["metrics", "plan"], Plan(ws), "--out", ws.Unwritable), "taken.txt");
        // plan validates headers, shapes and labels but does not stream the features (that is the shards' work):
        // a NaN is reported by the pass-1 shard that reads it, and that shard writes no state. The NaN is in the last
        // row: the last shard always holds it (small inputs fit one chunk, and the first shards are then empty).
        yield return Bad("metrics", "shard-features-nan", ws =>
        {
            var (h, y, _, _) = ws.Valid();
            var bad = ws.Bytes("bad.npy", NpyMutation.SetFloat((3 * 4 * 5) - 1, double.NaN)(File.ReadAllBytes(h)));
            return ["metrics", "shard", PlannedMetrics(ws, bad, y), "--pass", "1", "--index", "1"];
        }, "bad.npy", "NaN");
        yield return Bad("metrics", "plan-labels-out-of-range", ws =>
        {
            var (h, y, _, _) = ws.Valid();
            return ["metrics", "plan", "--features", h, "--labels", y, "--classes", "2", "--shards", "2", "--out", ws.Out];
        }, "--classes");

        foreach (var verb in new[] { "shard", "merge" })
        {
            string[] Tail(string v) => v == "shard" ? ["--pass", "1", "--index", "0"] : ["--pass", "1"];
            yield return Bad("metrics", verb + "-missing-folder", ws => ["metrics", verb, ws.PathOf("no-run"), .. Tail(verb)], "no-run");
            yield return Bad("metrics", verb + "-folder-without-plan", ws => ["metrics", verb, ws.ExistingOut, .. Tail(verb)], "existing-out");
            yield return Bad("metrics", verb + "-garbage-plan", ws =>
            {
                var dir = ws.Folder("garbage-run");
                File.WriteAllText(Path.Combine(dir, "plan.json"), "{ \"shards\": ");
                return ["metrics", verb, dir, .. Tail(verb)];
            }, "plan.json");
            yield return Bad("metrics", verb + "-pass-3", ws => ["metrics", verb, PlannedMetrics(ws), "--pass", "3", .. verb == "shard" ? new[] { "--index", "0" } : []], "--pass");
            yield return Bad("metrics", verb + "-threads-zero", ws => ["metrics", verb, PlannedMetrics(ws), .. Tail(verb), "--threads", "0"], "--threads");
        }
        yield return Bad("metrics", "shard-index-negative", ws => ["metrics", "shard", PlannedMetrics(ws), "--pass", "1", "--index", "-1"], "--index");
        yield return Bad("metrics", "shard-index-past-the-end", ws => ["metrics", "shard", PlannedMetrics(ws), "--pass", "1", "--index", "99"], "--index");
        yield return Bad("metrics", "shard-without-index", ws => ["metrics", "shard", PlannedMetrics(ws), "--pass", "1"], "--index");
        yield return Bad("metrics", "shard-pass-2-before-merge", ws => ["metrics", "shard", PlannedMetrics(ws), "--pass", "2", "--index", "0"], "stats.bin");
        yield return Bad("metrics", "merge-pass-1-without-shards", ws => ["metrics", "merge", PlannedMetrics(ws), "--pass", "1"], "pass");
        yield return Bad("metrics", "merge-final-without-shards", ws => ["metrics", "merge", PlannedMetrics(ws)], "");
    }

    /// <summary>Plans a valid 2-shard metric run into a folder of the workspace (the state shard/merge cases start from).</summary>
    private static string PlannedMetrics(FuzzWorkspace ws) => PlannedMetrics(ws, null, null);

    private static string PlannedMetrics(FuzzWorkspace ws, string? features, string? labels)
    {
        var (h, y, _, _) = ws.Valid();
        (h, y) = (features ?? h, labels ?? y);
        var dir = ws.PathOf("metric-run");
        var r = CliRunner.Run("metrics", "plan", "--features", h, "--labels", y, "--shards", "2", "--out", dir);
        if (r.ExitCode != 0) throw new InvalidOperationException("planning the valid metric run failed: " + r.Stderr);
        return dir;
    }

    /// <summary><c>bench metrics</c> and <c>bench claims</c>: every flag error before anything is generated or run.</summary>
    private static IEnumerable<FuzzCase> BenchSuites()
    {
        static (string, string)[] Metrics(FuzzWorkspace ws) => [("--cases", "k100"), ("--no-reference", ""), ("--work", ws.Out)];
        foreach (var c in FlagCases("bench", ["bench", "metrics"], Metrics, new("--cases", "k7", "", ","), new("--threads", "0", "-4")))
            yield return c with { Name = "metrics-" + c.Name };

        static (string, string)[] Claims(FuzzWorkspace ws) => [("--claims", "etf-gram"), ("--seeds", "1-2"), ("--cases", "2")];
        foreach (var c in FlagCases("bench", ["bench", "claims"], Claims,
                     new("--seeds", "abc", "10-1", " ", ",", "1-999999999"),
                     new("--cases", "0", "-1", "2147483647"),
                     new("--min-headroom", "-1", NaN),
                     new("--claims", "no-such-claim"),
                     new("--param", "etf-gram:nosuch=1", "etf-gram:maxClasses=NaN")))
            yield return c with { Name = "claims-" + c.Name };
        yield return Bad("bench", "claims-markdown-and-json", ws => [.. With(["bench", "claims"], Claims(ws), "--markdown", ""), "--json"], "--markdown", "--json");
    }

    /// <summary><c>deep run-trainings</c> (the internal child of the isolated trainings): a missing or broken batch folder.</summary>
    private static IEnumerable<FuzzCase> DeepChild()
    {
        yield return Bad("deep", "run-trainings-missing-folder", ws => ["deep", "run-trainings", ws.PathOf("no-batch")], "no-batch");
        yield return Bad("deep", "run-trainings-empty-folder", ws => ["deep", "run-trainings", ws.ExistingOut], "existing-out");
        yield return Bad("deep", "run-trainings-garbage-jobs", ws =>
        {
            var dir = ws.Folder("batch");
            File.WriteAllText(Path.Combine(dir, "jobs.json"), "[ {");
            File.WriteAllBytes(Path.Combine(dir, "data.bin"), [1, 2, 3]);
            return ["deep", "run-trainings", dir];
        }, "batch");
        yield return Bad("deep", "run-trainings-from-negative", ws => ["deep", "run-trainings", ws.ExistingOut, "--from", "-1"], "--from");
        yield return Bad("deep", "run-trainings-attempt-zero", ws => ["deep", "run-trainings", ws.ExistingOut, "--attempt", "0"], "--attempt");
    }
}
