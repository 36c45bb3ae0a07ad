using System.CommandLine;
using System.Globalization;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Rendering;
using Collapse.Theory;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Spectre.Console;
using Collapse.Theory.IO;
using Collapse.Theory.Claims;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse ufm</c>: trains the unconstrained-features model (joint, fixed features or fixed ETF classifier) with
/// full-batch GD / heavy-ball momentum and writes DIR/trajectory.csv, DIR/summary.json and W/H/b .npy files
/// (<see cref="UfmRunner"/>). A progress bar on an interactive terminal; otherwise one summary line at the end.
/// </summary>
public static class UfmCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var classes = new Option<int?>("--classes") { Description = "Number of classes K (required unless --features or --resume)." };
        var dim = new Option<int?>("--dim") { Description = "Feature dimension d (required unless --features or --resume)." };
        var perClass = new Option<int?>("--per-class") { Description = "Samples per (majority) class n (required unless --features or --resume)." };
        var imbalance = new Option<double>("--imbalance") { Description = "Imbalance ratio R ≥ 1: the last ⌊K/2⌋ classes get max(1, round(n/R)) samples.", DefaultValueFactory = _ => 1.0 };
        var loss = new Option<string>("--loss") { Description = "Loss: ce (cross-entropy) or mse.", DefaultValueFactory = _ => "ce" };
        loss.AcceptOnlyFromAmong("ce", "mse");
        var lambdaW = new Option<double>("--lambda-w") { Description = "Weight decay λ_W on W (objective (1/N)Σℓ + λ_W/2‖W‖² + λ_H/2‖H‖² + λ_b/2‖b‖²)." };
        var lambdaH = new Option<double>("--lambda-h") { Description = "Weight decay λ_H on H." };
        var lambdaB = new Option<double>("--lambda-b") { Description = "Weight decay λ_b on b (needs --bias)." };
        var bias = new Option<bool>("--bias") { Description = "Use and train a bias b ∈ R^K." };
        var mode = new Option<string>("--mode")
        {
            Description = "joint (W, H trained), fixed-features (only W; features random or --features), fixed-etf (W a simplex ETF, only "
            + "H).",
            DefaultValueFactory = _ => "joint"
        };
        mode.AcceptOnlyFromAmong("joint", "fixed-features", "fixed-etf");
        var features = new Option<string?>("--features") { Description = "Fixed features N×d (.npy) for --mode fixed-features." };
        var labels = new Option<string?>("--labels") { Description = "Labels N (.npy) belonging to --features." };
        var steps = new Option<long>("--steps") { Description = "Number of gradient steps T.", DefaultValueFactory = _ => 10_000 };
        var lr = new Option<double?>("--lr") { Description = "Step size η (default: 1/L from a smoothness bound, see docs/ufm.md)." };
        var momentum = new Option<double>("--momentum") { Description = "Heavy-ball momentum μ ∈ [0, 1)." };
        var schedule = new Option<string>("--schedule") { Description = "fixed, or normalized (η_t = η F₀/F_t, Nacson et al. 2019; CE without decay).", DefaultValueFactory = _ => "fixed" };
        schedule.AcceptOnlyFromAmong("fixed", "normalized");
        var initScale = new Option<double>("--init-scale") { Description = "Std of the Gaussian initialisation of trained W, H entries.", DefaultValueFactory = _ => 0.1 };
        var separation = new Option<double>("--separation")
        {
            Description = "Spread s of the generated class means in fixed-features mode (μ_k ~ N(0, s²I), noise N(0, "
            + "I)).",
            DefaultValueFactory = _ => 1.0
        };
        var etfSeed = new Option<int?>("--etf-seed") { Description = "fixed-etf: seed of a random rotation and label permutation of the ETF (default: standard ETF, identity labels)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the initialisation and generated features.", DefaultValueFactory = _ => 1 };
        var dtype = new Option<string>("--dtype") { Description = "float64 or float32.", DefaultValueFactory = _ => "float64" };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var device = new Option<string>("--device") { Description = "cpu or cuda (cuda needs a CUDA build of TorchSharp).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var engine = new Option<string>("--engine") { Description = "auto (managed arrays for small CPU float64 problems, else TorchSharp), managed or torch.", DefaultValueFactory = _ => "auto" };
        engine.AcceptOnlyFromAmong("auto", "managed", "torch");
        var svm = new Option<string>("--svm")
        {
            Description = "Reference SVM for the svm* columns: auto (only when K·(d+1) ≤ 1500 and N ≤ 5000), always or never.",
            DefaultValueFactory = _ => "auto",
        };
        svm.AcceptOnlyFromAmong("auto", "always", "never");
        var perDecade = new Option<int>("--log-per-decade") { Description = "Logged steps per decade (log-spaced).", DefaultValueFactory = _ => 10 };
        var output = new Option<string?>("--out") { Description = "Output folder (required unless --resume, which writes into the resumed folder)." };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Write DIR/checkpoint.bin every S steps (atomically)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run checkpointed in this folder (bit-identical to an uninterrupted run)." };
        var json = new Option<bool>("--json") { Description = "Print summary.json instead of the summary line." };

        var command = new Command("ufm", "Train the unconstrained-features model with GD and log NC metrics, margins and SVM distances along the way.");
        foreach (var o in new Option[] { classes, dim, perClass, imbalance, loss, lambdaW, lambdaH, lambdaB, bias, mode, features, labels, steps, lr,
                     momentum, schedule, initScale, separation, etfSeed, seed, dtype, device, engine, svm, perDecade, output, checkpointEvery, resume, json })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var resumeDir = parse.GetValue(resume);
            var outDir = parse.GetValue(output);
            UfmConfig Config()
            {
                var fromFiles = parse.GetValue(features) is not null;
                int Need(Option<int?> o) => parse.GetValue(o) ?? (fromFiles ? 1 : throw new InputException($"{o.Name}: required unless --features or --resume"));
                return new UfmConfig
                {
                    Classes = Need(classes),
                    Dim = Need(dim),
                    PerClass = Need(perClass),
                    Imbalance = parse.GetValue(imbalance),
                    Loss = parse.GetValue(loss) == "mse" ? UfmLoss.Mse : UfmLoss.CrossEntropy,
                    LambdaW = parse.GetValue(lambdaW),
                    LambdaH = parse.GetValue(lambdaH),
                    LambdaB = parse.GetValue(lambdaB),
                    Bias = parse.GetValue(bias),
                    Mode = parse.GetValue(mode) switch { "fixed-features" => UfmMode.FixedFeatures, "fixed-etf" => UfmMode.FixedEtf, _ => UfmMode.Joint },
                    FeaturesPath = parse.GetValue(features),
                    LabelsPath = parse.GetValue(labels),
                    Steps = parse.GetValue(steps),
                    LearningRate = parse.GetValue(lr),
                    Momentum = parse.GetValue(momentum),
                    Schedule = parse.GetValue(schedule) == "normalized" ? StepSchedule.Normalized : StepSchedule.Fixed,
                    InitScale = parse.GetValue(initScale),
                    FeatureSeparation = parse.GetValue(separation),
                    EtfSeed = parse.GetValue(etfSeed),
                    Seed = parse.GetValue(seed),
                    Precision = parse.GetValue(dtype) == "float32" ? UfmPrecision.Float32 : UfmPrecision.Float64,
                    Device = parse.GetValue(device)!,
                    Engine = parse.GetValue(engine) switch { "managed" => UfmEngineKind.Managed, "torch" => UfmEngineKind.Torch, _ => UfmEngineKind.Auto },
                    LogPointsPerDecade = parse.GetValue(perDecade),
                    Svm = parse.GetValue(svm) switch { "always" => SvmPolicy.Always, "never" => SvmPolicy.Never, _ => SvmPolicy.Auto },
                };
            }
            var request = resumeDir is not null
                ? UfmRunRequest.Resume(resumeDir, outDir)
                : UfmRunRequest.New(outDir ?? throw new InputException("--out: required (the folder for trajectory.csv, summary.json and the .npy files)"),
                    Config(), parse.GetValue(checkpointEvery));
            OutputGuard.Track(request.Directory, request.Resumes ? "--resume" : "--out");
            var stderr = parse.InvocationConfiguration.Error;
            var totalSteps = request.TotalSteps;
            UfmRunReport Run(IProgress<long>? p) => UfmRunner.Run(request, p, warning => stderr.WriteLine($"warning: {warning}"));

            var stdout = parse.InvocationConfiguration.Output;
            var report = ConsoleProgress.Interactive(stdout) && totalSteps > 0
                ? ConsoleProgress.WithBar("ufm", totalSteps, task =>
                {
                    var done = Run(new Progress<long>(s => task.Value = s));
                    task.Value = totalSteps;
                    return done;
                }, remainingTime: true)
                : Run(null);

            if (report.DivergenceMessage() is { } divergence)
            {
                if (parse.GetValue(json)) stdout.Write(report.SummaryJson);
                stderr.WriteLine($"error: {divergence}");
                return CliApp.Diverged;
            }
            if (parse.GetValue(json)) stdout.Write(report.SummaryJson);
            else stdout.WriteLine(SummaryLine(report));
            return 0;
        });
        return command;
    }

    /// <summary>One line: steps, speed, final loss/margin/NC values, claim verdict counts, output folder.</summary>
    public static string SummaryLine(UfmRunReport report)
    {
        var r = report.Result;
        var f = r.Final;
        string G(double v) => NumberFormat.Display(v);
        var speed = r.ElapsedSeconds > 0 ? $" ({G(r.StepsPerSecond)} steps/s)" : "";
        var resumed = r.StartStep > 0 ? $" (resumed at step {r.StartStep})" : "";
        var claims = report.Claims.Count == 0 ? "no claims apply"
            : string.Join(", ", report.Claims.Select(c => $"{c.ClaimId} {c.Verdict.Word()}"));
        return $"ufm: {r.StepsDone} steps{resumed} in {r.ElapsedSeconds:F1} s{speed} on {r.Engine}, η={G(r.StepSize)}; loss {G(f.Loss)}, p_min {G(f.MinMargin)}, "
               + $"nc1 {G(f.Nc1)}, nc3 {G(f.Nc3)}, equiangularity {G(f.Equiangularity)}, svmDirectionDistance {G(f.SvmDirectionDistance)}; {claims} → {report.OutputDirectory}";
    }
}
