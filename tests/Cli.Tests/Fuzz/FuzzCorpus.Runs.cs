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
                     new("--svm", "sometimes"),
                     new("--out", Empty)))
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
        yield return Bad("ufm", "huge-state", ws => With(["ufm"], Valid(ws), ("--classes", "100000"), ("--dim", "100000"), ("--per-class", "100000")), "--per-class", "too large");
        yield return Bad("ufm", "init-scale-overflows", ws => With(["ufm"], Valid(ws), "--init-scale", "1e200"), "--init-scale");
        // Huge step sizes (the issue's --lr 100 and 1e30 over 1000 steps among them): a divergence is a result with an
        // exit code of its own (docs/cli.md: 4), outputs kept up to the last finite step.
        foreach (var (lr, steps) in new[] { ("100", "1000"), ("1e30", "1000"), ("1e300", "200"), ("1.7976931348623157e308", "200") })
            yield return new("ufm", "lr=" + lr, ws => ["ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--lr", lr, "--steps", steps, "--out", ws.Out], FuzzOutcome.Diverged);
        // Degenerate geometry (issue 15 item 2): the regularised UFM in its collapse-to-zero regime ends with W = H = 0
        // (all class means equal), a zero start stays there; the undefined metrics are NaN today and are to become null
        // with a reason. Only "no crash" is asserted until then.
        yield return Result("ufm", "collapse-to-zero", ws => With(["ufm"], Valid(ws), ("--lambda-w", "10"), ("--lambda-h", "10"), ("--steps", "300"), ("--json", "")));
        yield return NoCrash("ufm", "init-scale-zero", ws => With(["ufm"], Valid(ws), ("--init-scale", "0"), ("--steps", "50"), ("--json", "")));
    }

    private static IEnumerable<FuzzCase> LeSde()
    {
        // Few steps and log points, no plots: a flag the command fails to reject costs milliseconds.
        static (string, string)[] Valid(FuzzWorkspace ws) => [("--classes", "3"), ("--per-class", "4"), ("--steps", "20"), ("--horizon", "4"), ("--log-points", "3"), ("--no-plots", ""), ("--out", ws.Out)];
        foreach (var c in FlagCases("lesde", ["lesde"], Valid,
                     new("--classes", "1", "0", "-3", "abc"),
                     new("--dim", "0", "-2"),
                     new("--per-class", "0", "-1"),
                     new("--alpha", NaN, "Infinity"),
                     new("--beta", NaN, "-Infinity"),
                     new("--rate-exponent", "-1", NaN),
                     new("--noise", "-1", NaN, "Infinity"),
                     new("--t0", "0", "-1", NaN),
                     new("--horizon", "1", "0.5", NaN, "Infinity"),
                     new("--steps", "0", "-5", "1e3"),
                     new("--init-separation", "-1", NaN),
                     new("--init-spread", "-0.5", "Infinity"),
                     new("--log-points", "1", "0", "-1", "2147483647"),
                     new("--transform", "cubic", "", Empty),
                     new("--out", Empty),
                     new("--seed", "abc")))
            yield return c;
        yield return Bad("lesde", "huge-state", ws => With(["lesde"], Valid(ws), ("--dim", "100000"), ("--per-class", "100000")), "too large");
        yield return Bad("lesde", "etf-transform-dim-not-classes", ws => With(["lesde"], Valid(ws), ("--transform", "etf"), ("--dim", "5")), "--dim");
        yield return Bad("lesde", "without-out", ws => With(["lesde"], Valid(ws), "--out", null), "--out");
        yield return Bad("lesde", "out-is-a-file", ws => With(["lesde"], Valid(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("lesde", "out-unwritable", ws => With(["lesde"], Valid(ws), "--out", ws.Unwritable), "taken.txt");
        yield return Bad("lesde", "init-separation-overflows", ws => With(["lesde"], Valid(ws), "--init-separation", "1e300"), "--init-separation");
        yield return Bad("lesde", "init-spread-overflows", ws => With(["lesde"], Valid(ws), "--init-spread", "1e200"), "--init-spread");
        // A huge impact, noise or time span drives the state to ±∞: a divergence, exit 4, the trajectory kept up to
        // the last finite step.
        foreach (var (flag, value) in new[] { ("--alpha", "1e300"), ("--alpha", "-1e300"), ("--noise", "1e300"), ("--horizon", "1e300"), ("--t0", "1e-300") })
            yield return new("lesde", $"{flag.TrimStart('-')}={value}-diverges", ws => With(["lesde"], Valid(ws), flag, value), FuzzOutcome.Diverged);
        yield return NoCrash("lesde", "rate-exponent-huge", ws => With(["lesde"], Valid(ws), "--rate-exponent", "1e300"));
        yield return NoCrash("lesde", "one-per-class", ws => With(["lesde"], Valid(ws), ("--json", ""), ("--per-class", "1")));
        // Degenerate geometry (issue 15 item 2): every representative at the origin for all t (all class means
        // coincide); separation and NC metrics are NaN today and are to become null with a reason. "No crash" only.
        yield return NoCrash("lesde", "all-at-origin", ws => With(["lesde"], Valid(ws), ("--noise", "0"), ("--init-spread", "0"), ("--json", ""), ("--init-separation", "0")));
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
                     new("--etf-scale", NaN, "0"),
                     new("--out", Empty),
                     new("--dataset", Empty)))
            yield return c;
        // Sizes that cannot be allocated or trained: rejected by name before libtorch allocates anything.
        yield return Bad("deep", "width-huge", ws => With(["deep", "train"], Valid(ws), "--width", "100000000"), "--width", "too large");
        yield return Bad("deep", "depth-huge", ws => With(["deep", "train"], Valid(ws), "--depth", "100000"), "--depth");
        yield return Bad("deep", "dataset-huge", ws => With(["deep", "train"], Valid(ws), "--dataset", "gaussian:k=100000,d=100000"), "--dataset", "too large");
        yield return Bad("deep", "cnn-too-deep-for-the-images", ws => With(["deep", "train"], Valid(ws), ("--dataset", "mnist-subset"), ("--model", "cnn"), ("--depth", "8"), ("--width", "2"), ("--train-per-class", "2"), ("--test-per-class", "2")), "--depth", "28×28");
        yield return Bad("deep", "cnn-depth-40", ws => [.. With(["deep", "train"], Valid(ws), "--dataset", "mnist-subset"), "--model", "cnn", "--depth", "40", "--train-per-class", "2", "--test-per-class", "2"], "--depth", "too large");
        yield return Bad("deep", "cnn-on-vectors", ws => [.. With(["deep", "train"], Valid(ws), "--model", "cnn")], "--model cnn");
        yield return Bad("deep", "dataset=cifar10-missing-folder", ws => With(["deep", "train"], Valid(ws), "--dataset", "cifar10:" + ws.PathOf("no-cifar")), "no-cifar");
        yield return Bad("deep", "train-out-is-a-file", ws => With(["deep", "train"], Valid(ws), "--out", ws.ExistingFile), "taken.txt");
        yield return Bad("deep", "train-out-unwritable", ws => With(["deep", "train"], Valid(ws), "--out", ws.Unwritable), "taken.txt");
        static (string, string)[] Tpt(FuzzWorkspace ws) => [("--dataset", Data), ("--epochs", "1"), ("--width", "8"), ("--svm-every", "0"), ("--seeds", "2"), ("--out", ws.Out)];
        static (string, string)[] Multi(FuzzWorkspace ws) => [("--dataset", Data), ("--epochs", "1"), ("--width", "8"), ("--seeds", "2"), ("--permutations", "2"), ("--out", ws.Out)];
        foreach (var c in FlagCases("deep", ["deep", "tpt"], Tpt, new("--seeds", "0", "-2"), new("--dataset", "imagenet"), new("--width", "100000000")))
            yield return c with { Name = "tpt-" + c.Name };
        foreach (var c in FlagCases("deep", ["deep", "permutations"], Multi, new("--permutations", "0", "-1"), new("--seeds", "0"), new("--classifier", "random"), new("--etf-scale", NaN), new("--width", "100000000")))
            yield return c with { Name = "permutations-" + c.Name };
        yield return Bad("deep", "without-subcommand", _ => ["deep", "--dataset", Data], "");
    }

    private static IEnumerable<FuzzCase> AnalyzeRun()
    {
        yield return Bad("analyze-run", "empty-string-folder", _ => ["analyze-run", ""], "dir");
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
