namespace Collapse.Cli.Tests.Fuzz;

internal static partial class FuzzCorpus
{
    /// <summary>Bad values for one flag: each value becomes a case, the error line must name the flag.</summary>
    private sealed record FlagValues(string Flag, params string[] Values);

    /// <summary>
    /// A valid invocation (<paramref name="words"/> plus the flags <paramref name="valid"/> builds) with one flag
    /// set to each bad value of <paramref name="bad"/>.
    /// </summary>
    private static IEnumerable<FuzzCase> FlagCases(string command, string[] words, Func<FuzzWorkspace, (string, string)[]> valid, params FlagValues[] bad)
    {
        foreach (var f in bad)
            foreach (var v in f.Values)
                yield return Bad(command, $"{f.Flag.TrimStart('-')}={(v == Empty ? "empty-string" : v)}", ws => With(words, valid(ws), f.Flag, v), f.Flag);
    }

    private const string NaN = "NaN";

    private static IEnumerable<FuzzCase> Metrics()
    {
        static (string, string)[] Valid(FuzzWorkspace ws)
        {
            var (h, y, _, _) = ws.Valid();
            return [("--features", h), ("--labels", y)];
        }
        foreach (var c in FlagCases("metrics", ["metrics"], Valid,
                     new("--chunk-rows", "0", "-1", "abc"),
                     new("--classes", "0", "-1", "1", "2147483647", "1e3"),
                     new("--frobnicate", "")))
            yield return c;
        yield return Bad("metrics", "bias-without-classifier", ws => { var (h, y, _, b) = ws.Valid(); return ["metrics", "--features", h, "--labels", y, "--bias", b]; }, "needs a classifier");
        yield return Bad("metrics", "bias-nan", ws =>
        {
            var (h, y, w, b) = ws.Valid();
            return ["metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", ws.Bytes("bad-b.npy", NpyMutation.SetFloat(1, double.NaN)(File.ReadAllBytes(b)))];
        }, "bad-b.npy", "NaN");
        yield return Bad("metrics", "bias-rank-2", ws =>
        {
            var (h, y, w, _) = ws.Valid();
            return ["metrics", "--features", h, "--labels", y, "--classifier", w, "--bias", ws.Features("b2.npy", new double[3], 3, 1)];
        }, "b2.npy");
        yield return Bad("metrics", "classifier-wrong-shape", ws =>
        {
            var (h, y, _, _) = ws.Valid();
            return ["metrics", "--features", h, "--labels", y, "--classifier", ws.Features("wT.npy", new double[15], 5, 3)];
        }, "wT.npy", "does not match");
        yield return Bad("metrics", "features-is-a-folder", ws => { var (_, y, _, _) = ws.Valid(); return ["metrics", "--features", ws.Folder("dir.npy"), "--labels", y]; }, "dir.npy");
        yield return Bad("metrics", "features-missing", ws => { var (_, y, _, _) = ws.Valid(); return ["metrics", "--features", ws.PathOf("nope.npy"), "--labels", y]; }, "nope.npy");

        // Extreme but finite geometry and degenerate means (issue 15 items 2/3): the metrics give a defined answer
        // (null or ±∞ with a reason), exit 0.
        foreach (var (name, scale) in new[] { ("huge-1e200", 1e200), ("huge-1e300", 1e300), ("tiny-1e-300", 1e-300), ("subnormal-1e-320", 1e-320) })
        {
            yield return Result("metrics", "features-" + name, ws => ["metrics", "--features", ws.Features("h.npy", 12, 5, (i, j) => scale * ((j == i % 3 ? 5.0 : 0.0) + (0.01 * ((i * 7) + j) % 3))), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--json"]);
            yield return Result("metrics", "features-with-classifier-" + name, ws =>
            {
                var (_, _, w, b) = ws.Valid();
                return ["metrics", "--features", ws.Features("h.npy", 12, 5, (i, j) => scale * ((j == i % 3 ? 5.0 : 0.0) + (0.01 * ((i * 7) + j) % 3))), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--classifier", w, "--bias", b, "--json"];
            });
        }
        yield return Result("metrics", "all-rows-equal", ws => ["metrics", "--features", ws.Features("h.npy", 12, 5, (_, j) => j), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--json"]);
        yield return Result("metrics", "all-rows-equal-with-classifier", ws =>
        {
            var (_, _, w, b) = ws.Valid();
            return ["metrics", "--features", ws.Features("h.npy", 12, 5, (_, j) => j), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--classifier", w, "--bias", b, "--json"];
        });
        yield return Result("metrics", "all-zero", ws => ["metrics", "--features", ws.Features("h.npy", 12, 5, (_, _) => 0), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--json"]);
        yield return Result("metrics", "duplicate-class-means", ws => ["metrics", "--features", ws.Features("h.npy", 12, 5, (i, j) => (i % 3 == 2 ? 0 : i % 3) == j ? 5.0 + (0.01 * (i % 4)) : 0.0), "--labels", ws.CyclicLabels("y.npy", 12, 3), "--json"]);
        yield return Result("metrics", "one-sample-per-class", ws => ["metrics", "--features", ws.Features("h.npy", 3, 5, (i, j) => i == j ? 1 : 0), "--labels", ws.CyclicLabels("y.npy", 3, 3), "--json"]);
        yield return Result("metrics", "more-classes-than-dim-plus-one", ws => ["metrics", "--features", ws.Features("h.npy", 12, 1, (i, _) => i % 6), "--labels", ws.CyclicLabels("y.npy", 12, 6), "--json"]);
    }

    private static IEnumerable<FuzzCase> Svm()
    {
        static (string, string)[] Valid(FuzzWorkspace ws)
        {
            var (h, y, _, _) = ws.Valid();
            return [("--features", h), ("--labels", y)];
        }
        foreach (var c in FlagCases("svm", ["svm"], Valid,
                     new("--method", "simplex", ""),
                     new("--classes", "0", "1", "-2"),
                     new("--out", "", Empty)))
            yield return c;
        yield return Bad("svm", "out-in-missing-folder", ws => [.. With(["svm"], Valid(ws), "--out", ws.PathOf("no/W.npy"))], "W.npy", "does not exist");
        yield return Bad("svm", "out-is-a-folder", ws => [.. With(["svm"], Valid(ws), "--out", ws.ExistingOut)], "existing-out");
        yield return Bad("svm", "out-unwritable", ws => [.. With(["svm"], Valid(ws), "--out", ws.Unwritable)], "taken.txt");
        // Extreme scale (issue 15 item 3): the solver rescales the features to unit norm, but the norm itself is
        // computed from squares; today both end in exit 2 naming the overflow/underflow. "No crash" only.
        yield return Result("svm", "features-huge-1e200", ws => ["svm", "--features", ws.Features("h.npy", 12, 5, (i, j) => 1e200 * (j == i % 3 ? 5.0 : 0.01 * j)), "--labels", ws.CyclicLabels("y.npy", 12, 3)]);
        yield return Result("svm", "features-tiny-1e-300", ws => ["svm", "--features", ws.Features("h.npy", 12, 5, (i, j) => 1e-300 * (j == i % 3 ? 5.0 : 0.01 * j)), "--labels", ws.CyclicLabels("y.npy", 12, 3)]);
        yield return Bad("svm", "features-all-zero", ws => ["svm", "--features", ws.Features("h.npy", 12, 5, (_, _) => 0), "--labels", ws.CyclicLabels("y.npy", 12, 3)], "h.npy", "zero");
        yield return NoCrash("svm", "not-separable-identical-points", ws => ["svm", "--features", ws.Features("h.npy", 12, 5, (_, j) => j), "--labels", ws.CyclicLabels("y.npy", 12, 3)]);
    }

    private static IEnumerable<FuzzCase> Etf()
    {
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--classes", "3"), ("--dim", "4")];
        foreach (var c in FlagCases("etf", ["etf"], Valid,
                     new("--classes", "1", "0", "-3", "abc", "1e3"),
                     new("--dim", "0", "-1", "1", NaN),
                     new("--seed", "abc", "1.5"),
                     new("--out", Empty)))
            yield return c;
        yield return Bad("etf", "huge-classes-and-dim", _ => ["etf", "--classes", "2147483647", "--dim", "2147483647"], "--classes");
        yield return Bad("etf", "too-many-entries", _ => ["etf", "--classes", "50000", "--dim", "60000"], "--classes", "--dim", "too large");
        yield return Bad("etf", "entries-beyond-int-range", _ => ["etf", "--classes", "100000", "--dim", "100000"], "--classes", "--dim", "too large");
        yield return Bad("etf", "out-in-missing-folder", ws => ["etf", "--classes", "3", "--dim", "4", "--out", ws.PathOf("no/m.npy")], "m.npy");
        yield return Bad("etf", "out-is-a-folder", ws => ["etf", "--classes", "3", "--dim", "4", "--out", ws.ExistingOut], "existing-out");
        yield return Bad("etf", "out-unwritable", ws => ["etf", "--classes", "3", "--dim", "4", "--out", ws.Unwritable], "taken.txt");
    }

    private static IEnumerable<FuzzCase> Claims()
    {
        yield return Bad("claims", "show-unknown-claim", _ => ["claims", "show", "no-such-claim"], "no-such-claim");
        yield return Bad("claims", "show-without-id", _ => ["claims", "show"], "show");
        yield return Bad("claims", "list-unknown-flag", _ => ["claims", "list", "--kind", "identity"], "--kind");
        yield return Bad("claims", "unknown-subcommand", _ => ["claims", "remove", "etf-gram"], "remove");
    }

    private static IEnumerable<FuzzCase> Check()
    {
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--cases", "2")];
        foreach (var c in FlagCases("check", ["check", "svm-certified-optimum"], Valid,
                     new("--cases", "0", "-1", "abc", "2147483647"),
                     new("--seed", "abc", "-1.5")))
            yield return c;
        yield return Bad("check", "unknown-claim", _ => ["check", "no-such-claim", "--cases", "2"], "no-such-claim");
        yield return Bad("check", "unknown-claim-falsify", _ => ["check", "no-such-claim", "--falsify"], "no-such-claim");
        yield return Bad("check", "without-claim", _ => ["check", "--cases", "2"], "");
        yield return Bad("check", "param-unknown-name", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbaton=0.1"], "perturbaton");
        yield return Bad("check", "param-without-value", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbation"], "perturbation");
        yield return Bad("check", "param-nan", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbation=NaN"], "perturbation");
        yield return Bad("check", "param-inf", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbation=Infinity"], "perturbation");
        yield return Bad("check", "param-above-range", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbation=2"], "perturbation");
        yield return Bad("check", "param-negative", _ => ["check", "svm-certified-optimum", "--cases", "2", "--param", "perturbation=-1"], "perturbation");
        yield return Bad("check", "param-int-not-a-number", _ => ["check", "etf-gram", "--cases", "2", "--param", "maxClasses=many"], "maxClasses");
        yield return Bad("check", "param-int-huge", _ => ["check", "etf-gram", "--cases", "2", "--param", "maxClasses=99999999999"], "maxClasses");
        yield return Bad("check", "param-int-fraction", _ => ["check", "etf-gram", "--cases", "2", "--param", "maxClasses=2.5"], "maxClasses");
        yield return Bad("check", "param-repeated", _ => ["check", "etf-gram", "--cases", "2", "--param", "maxClasses=3", "--param", "maxClasses=4"], "maxClasses");
    }

    private static IEnumerable<FuzzCase> Report()
    {
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--claims", "etf-gram"), ("--cases", "2"), ("--out", ws.Out)];
        foreach (var c in FlagCases("report", ["report"], Valid,
                     new("--profile", "medium", "", Empty),
                     new("--claims", "no-such-claim", "nosuch*", ",", " , ", Empty),
                     new("--out", Empty),
                     new("--cases", "0", "-3", "abc", "2147483647"),
                     new("--seed", "abc"),
                     new("--param", "etf-gram", "etf-gram:maxClasses", "no-such-claim:x=1", "etf-gram:nosuch=1", "etf-gram:maxClasses=1", "etf-gram:maxClasses=NaN")))
            yield return c;
        yield return Bad("report", "out-is-a-file", ws => With(["report"], Valid(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("report", "out-unwritable", ws => With(["report"], Valid(ws), "--out", ws.Unwritable), "taken.txt");
        yield return Bad("report", "junit-unwritable", ws => [.. With(["report"], Valid(ws), "--junit", Path.Combine(ws.Unwritable, "j.xml"))], "--junit", "taken.txt");
        yield return Bad("report", "junit-is-a-folder", ws => [.. With(["report"], Valid(ws), "--junit", ws.ExistingOut)], "existing-out");
        yield return Bad("report", "list-with-unknown-profile", _ => ["report", "--list", "--profile", "medium"], "medium");
        yield return Bad("report", "run-missing-folder", ws => ["report", "--run", ws.PathOf("no-run"), "--out", ws.Out], "no-run");
        yield return Bad("report", "run-empty-folder", ws => ["report", "--run", ws.Folder("empty-run"), "--out", ws.Out], "empty-run");
        yield return Bad("report", "run-garbage-epochs", ws =>
        {
            var run = ws.Folder("garbage-run");
            File.WriteAllText(Path.Combine(run, "epochs.csv"), "this,is\nnot,\"an epochs table\n1,2,3,4\n");
            return ["report", "--run", run, "--out", ws.Out];
        }, "epochs.csv");
        yield return Bad("report", "run-empty-epochs", ws =>
        {
            var run = ws.Folder("empty-epochs-run");
            File.WriteAllText(Path.Combine(run, "epochs.csv"), "");
            return ["report", "--run", run, "--out", ws.Out];
        }, "epochs.csv");
        yield return Bad("report", "run-out-is-a-file", ws => ["report", "--run", ws.RunFolder(), "--out", ws.ExistingFile], "taken.txt");
        yield return Bad("report", "sweep-missing-folder", ws => ["report", "--sweep", ws.PathOf("no-sweep"), "--out", ws.Out], "no-sweep");
        yield return Bad("report", "sweep-empty-folder", ws => ["report", "--sweep", ws.Folder("empty-sweep"), "--out", ws.Out], "empty-sweep");
        yield return Bad("report", "sweep-garbage-plan", ws =>
        {
            var sweep = ws.Folder("garbage-sweep");
            File.WriteAllText(Path.Combine(sweep, "plan.json"), "{ \"runs\": [ {");
            return ["report", "--sweep", sweep, "--out", ws.Out];
        }, "plan.json");
    }
}
