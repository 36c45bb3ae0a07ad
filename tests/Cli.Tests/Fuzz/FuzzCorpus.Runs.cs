namespace Collapse.Cli.Tests.Fuzz;

internal static partial class FuzzCorpus
{
    private static IEnumerable<FuzzCase> Ufm()
    {
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--classes", "3"), ("--dim", "4"), ("--per-class", "3"), ("--steps", "5"), ("--out", ws.Out)];
        foreach (var c in FlagCases("ufm", ["ufm"], Valid,
                     new("--lr", "0", "-1", NaN, "Infinity", "-Infinity", "abc"),
                     new("--steps", "-1", "1e3"),
                     new("--classes", "1", "0", "-4"),
                     new("--dim", "0", "-1"),
                     new("--per-class", "0", "-2"),
                     new("--imbalance", "0.5", "0", NaN, "Infinity"),
                     new("--momentum", "1", "-0.1", NaN),
                     new("--init-scale", "-1", NaN, "Infinity"),
                     new("--lambda-w", "-1", NaN, "Infinity"),
                     new("--lambda-h", "-1e-3", NaN),
                     new("--lambda-b", "0.1"),
                     new("--separation", "-1", NaN),
                     new("--log-per-decade", "0", "-1"),
                     new("--checkpoint-every", "-5", "1.5"),
                     new("--loss", "hinge"),
                     new("--mode", "frozen"),
                     new("--dtype", "float16"),
                     new("--schedule", "cosine"),
                     new("--engine", "gpu"),
                     new("--svm", "sometimes")))
            yield return c;
        yield return Bad("ufm", "without-out", ws => With(["ufm"], Valid(ws), "--out", null), "--out");
        yield return Bad("ufm", "out-is-a-file", ws => With(["ufm"], Valid(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("ufm", "out-unwritable", ws => With(["ufm"], Valid(ws), "--out", ws.Unwritable), "taken.txt");
        yield return Bad("ufm", "resume-missing-folder", ws => ["ufm", "--resume", ws.PathOf("no-run")], "no-run");
        yield return Bad("ufm", "resume-without-checkpoint", ws => ["ufm", "--resume", ws.ExistingOut], "existing-out");
        yield return Bad("ufm", "resume-garbage-checkpoint", ws =>
        {
            var dir = ws.ExistingOut;
            File.WriteAllText(Path.Combine(dir, "checkpoint.bin"), "not a checkpoint");
            return ["ufm", "--resume", dir];
        }, "checkpoint.bin");
        yield return Bad("ufm", "features-in-joint-mode", ws => { var (h, y, _, _) = ws.Valid(); return ["ufm", "--features", h, "--labels", y, "--steps", "5", "--out", ws.Out]; }, "--features");
        yield return Bad("ufm", "fixed-features-labels-without-features", ws => { var (_, y, _, _) = ws.Valid(); return ["ufm", "--mode", "fixed-features", "--classes", "3", "--dim", "5", "--per-class", "4", "--labels", y, "--steps", "5", "--out", ws.Out]; }, "--labels");
        yield return Bad("ufm", "fixed-features-missing-file", ws => { var (_, y, _, _) = ws.Valid(); return ["ufm", "--mode", "fixed-features", "--features", ws.PathOf("nope.npy"), "--labels", y, "--steps", "5", "--out", ws.Out]; }, "nope.npy");
        yield return Bad("ufm", "fixed-etf-more-classes-than-dim-plus-one", ws => ["ufm", "--mode", "fixed-etf", "--classes", "6", "--dim", "2", "--per-class", "3", "--steps", "5", "--out", ws.Out], "--dim", "d ≥ K−1");
        // Huge step sizes: a divergence is a result with an exit code of its own (docs/cli.md: 4), outputs kept.
        foreach (var lr in new[] { "1e300", "1.7976931348623157e308" })
            yield return new("ufm", "lr=" + lr, ws => ["ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--lr", lr, "--steps", "200", "--out", ws.Out], FuzzOutcome.Diverged);
    }

    private static IEnumerable<FuzzCase> Deep()
    {
        // A tiny Gaussian data set and one epoch: a flag the command fails to reject costs seconds, not minutes.
        const string Data = "gaussian:k=3,d=4,n=4,test=4";
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--dataset", Data), ("--epochs", "1"), ("--width", "8"), ("--svm-every", "0"), ("--out", ws.Out)];
        foreach (var c in FlagCases("deep", ["deep", "train"], Valid,
                     new("--dataset", "imagenet", "gaussian:k=1", "gaussian:k=abc", "gaussian:frobs=3", "gaussian:k=3,d=0", "idx:/no/such/folder"),
                     new("--model", "transformer"),
                     new("--epochs", "0", "-1"),
                     new("--batch-size", "0", "-8"),
                     new("--lr", "-0.1", NaN, "Infinity"),
                     new("--momentum", "-0.5", NaN),
                     new("--weight-decay", "-1", NaN),
                     new("--width", "0"),
                     new("--depth", "-1"),
                     new("--lr-milestones", "a,b", "-3"),
                     new("--lr-decay", NaN, "-1"),
                     new("--device", "tpu"),
                     new("--threads", "-1"),
                     new("--svm-every", "-1"),
                     new("--measure-every", "-1"),
                     new("--train-per-class", "0"),
                     new("--export-epochs", "x"),
                     new("--fixed-classifier", "simplex"),
                     new("--etf-scale", NaN, "0")))
            yield return c;
        yield return Bad("deep", "dataset=cifar10-missing-folder", ws => With(["deep", "train"], Valid(ws), "--dataset", "cifar10:" + ws.PathOf("no-cifar")), "no-cifar");
        yield return Bad("deep", "train-out-is-a-file", ws => With(["deep", "train"], Valid(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("deep", "train-out-unwritable", ws => With(["deep", "train"], Valid(ws), "--out", ws.Unwritable), "taken.txt");
        static (string, string)[] Tpt(FuzzWorkspace ws) => [("--dataset", Data), ("--epochs", "1"), ("--width", "8"), ("--svm-every", "0"), ("--seeds", "2"), ("--out", ws.Out)];
        static (string, string)[] Multi(FuzzWorkspace ws) => [("--dataset", Data), ("--epochs", "1"), ("--width", "8"), ("--seeds", "2"), ("--permutations", "2"), ("--out", ws.Out)];
        foreach (var c in FlagCases("deep", ["deep", "tpt"], Tpt, new("--seeds", "0", "-2"), new("--dataset", "imagenet")))
            yield return c with { Name = "tpt-" + c.Name };
        foreach (var c in FlagCases("deep", ["deep", "permutations"], Multi, new("--permutations", "0", "-1"), new("--seeds", "0"), new("--classifier", "random"), new("--etf-scale", NaN)))
            yield return c with { Name = "permutations-" + c.Name };
        yield return Bad("deep", "without-subcommand", _ => ["deep", "--dataset", Data], "");
    }

    private static IEnumerable<FuzzCase> AnalyzeRun()
    {
        yield return Bad("analyze-run", "missing-folder", ws => ["analyze-run", ws.PathOf("no-run")], "no-run");
        yield return Bad("analyze-run", "empty-folder", ws => ["analyze-run", ws.Folder("empty-run")], "empty-run");
        yield return Bad("analyze-run", "folder-is-a-file", ws => ["analyze-run", ws.ExistingFile], "taken.txt");
        foreach (var (name, manifest) in new[]
                 {
                     ("manifest-malformed-json", "{ \"format\": \"collapse-run\", "),
                     ("manifest-empty", ""),
                     ("manifest-array", "[1, 2]"),
                     ("manifest-wrong-format", "{ \"format\": \"other\", \"version\": 1, \"classes\": 10, \"featureDim\": 64, \"epochs\": [] }"),
                     ("manifest-future-version", "{ \"format\": \"collapse-run\", \"version\": 99, \"classes\": 10, \"featureDim\": 64, \"epochs\": [] }"),
                     ("manifest-no-epochs", "{ \"format\": \"collapse-run\", \"version\": 1, \"classes\": 10, \"featureDim\": 64, \"epochs\": [] }"),
                     ("manifest-one-class", "{ \"format\": \"collapse-run\", \"version\": 1, \"classes\": 1, \"featureDim\": 64, \"epochs\": [] }"),
                     ("manifest-negative-classes", "{ \"format\": \"collapse-run\", \"version\": 1, \"classes\": -3, \"featureDim\": 64, \"epochs\": [] }"),
                 })
            yield return Bad("analyze-run", name, ws =>
            {
                var run = ws.RunFolder();
                File.WriteAllText(Path.Combine(run, "manifest.json"), manifest);
                return ["analyze-run", run];
            }, "manifest.json");
        yield return Bad("analyze-run", "manifest-names-missing-file", ws =>
        {
            var run = ws.RunFolder();
            File.Delete(Path.Combine(run, "epoch-0002", "classifier.npy"));
            return ["analyze-run", run];
        }, "classifier.npy");
        yield return Bad("analyze-run", "classifier-wrong-shape", ws =>
        {
            var run = ws.RunFolder();
            ws.Features("epoch-0002-W.npy", new double[6], 2, 3);
            File.Copy(ws.PathOf("epoch-0002-W.npy"), Path.Combine(run, "epoch-0002", "classifier.npy"), overwrite: true);
            return ["analyze-run", run];
        }, "classifier.npy");
        yield return Bad("analyze-run", "out-is-a-file", ws => ["analyze-run", ws.RunFolder(), "--out", ws.ExistingFile], "taken.txt");
        yield return Bad("analyze-run", "out-unwritable", ws => ["analyze-run", ws.RunFolder(), "--out", ws.Unwritable], "taken.txt");
    }

    private static IEnumerable<FuzzCase> Bench()
    {
        // Small sizes, so that a flag the command fails to reject costs a second, not the full benchmark.
        static (string, string)[] Valid(FuzzWorkspace ws) =>
            [("--steps", "2"), ("--classes", "3"), ("--dim", "4"), ("--per-class", "3"), ("--no-reference", ""), ("--roofline-matmul", "8"), ("--roofline-copy-mb", "1"), ("--threads", "1")];
        foreach (var c in FlagCases("bench", ["bench", "ufm"], Valid,
                     new("--steps", "0", "-1"),
                     new("--classes", "1", "0"),
                     new("--dim", "0"),
                     new("--per-class", "0"),
                     new("--threads", "0", "-1"),
                     new("--roofline-matmul", "0", "-1"),
                     new("--roofline-copy-mb", "0", "-1")))
            yield return c;
        yield return Bad("bench", "reference-missing-file", ws => With(["bench", "ufm"], Valid(ws), "--no-reference", null) is var a ? [.. a, "--reference", ws.PathOf("nope.py")] : [], "nope.py");
        yield return Bad("bench", "unknown-benchmark", _ => ["bench", "svm"], "svm");
    }
}
