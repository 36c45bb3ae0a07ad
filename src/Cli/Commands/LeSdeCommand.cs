using System.CommandLine;
using System.Globalization;
using Collapse.LeSde.Model;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Rendering;
using Collapse.LeSde.Output;
using Collapse.Reports.Plots;
using Collapse.Theory.IO;
using Collapse.LeSde.Analysis;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse lesde</c>: simulates the locally-elastic SDE (<see cref="LeSdeRunner"/>) and writes DIR/trajectory.csv,
/// DIR/summary.json and DIR/plots/*.png (rendered by Collapse.Reports). A progress bar on an interactive terminal;
/// otherwise one summary line at the end. A diverged run keeps its files up to the last finite step and exits with
/// <see cref="CliApp.Diverged"/> after one <c>error:</c> line, as <c>collapse ufm</c> does.
/// </summary>
public static class LeSdeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new LeSdeConfig();
        var classes = new Option<int>("--classes") { Description = "Number of classes K (≥ 2).", DefaultValueFactory = _ => d.Classes };
        var dim = new Option<int?>("--dim") { Description = "Feature dimension m (default 2; K for --transform etf)." };
        var perClass = new Option<int>("--per-class") { Description = "Representatives simulated per class n (one SDE each).", DefaultValueFactory = _ => d.PerClass };
        var alpha = new Option<double>("--alpha") { Description = "Intra-class impact a: α_t = a·t^(−p).", DefaultValueFactory = _ => d.Schedule.Intra };
        var beta = new Option<double>("--beta") { Description = "Inter-class impact b: β_t = b·t^(−p).", DefaultValueFactory = _ => d.Schedule.Inter };
        var exponent = new Option<double>("--rate-exponent") { Description = "p: γ_t = ω(1/t) for p < 1, Θ(1/t) for p = 1, o(1/t) for p > 1.", DefaultValueFactory = _ => d.Schedule.Exponent };
        var transform = new Option<string>("--transform")
        {
            Description = "Blocks T_ij: identity (I_m), etf (d_i d_jᵀ/‖d_j‖², d_j = e_j − 1/K, needs m = K) or orthonormal (e_i "
            + "e_jᵀ).",
            DefaultValueFactory = _ => "identity"
        };
        transform.AcceptOnlyFromAmong("identity", "etf", "orthonormal");
        var noise = new Option<double>("--noise") { Description = "σ: Σ_t = σ² I.", DefaultValueFactory = _ => d.Noise };
        var t0 = new Option<double>("--t0") { Description = "Start time t0 > 0.", DefaultValueFactory = _ => d.StartTime };
        var horizon = new Option<double>("--horizon") { Description = "End time T > t0.", DefaultValueFactory = _ => d.EndTime };
        var steps = new Option<int>("--steps") { Description = "Euler–Maruyama steps over [t0, T].", DefaultValueFactory = _ => d.Steps };
        var separation = new Option<double>("--init-separation") { Description = "s: initial class means μ_k ~ N(0, s² I).", DefaultValueFactory = _ => d.InitialSeparation };
        var spread = new Option<double>("--init-spread") { Description = "τ: initial representatives μ_k + τ N(0, I).", DefaultValueFactory = _ => d.InitialSpread };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial state and the Brownian increments.", DefaultValueFactory = _ => d.Seed };
        var logPoints = new Option<int>("--log-points") { Description = "Logged times, log-spaced over [t0, T].", DefaultValueFactory = _ => 40 };
        var noSeparability = new Option<bool>("--no-separability") { Description = "Skip the exact pairwise-separability test at each logged time." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Do not render DIR/plots/*.png." };
        var output = new Option<string?>("--out") { Description = "Output folder for trajectory.csv, summary.json and plots/.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print summary.json instead of the summary line." };

        var command = new Command("lesde", "Simulate the locally-elastic SDE model of feature dynamics (Zhang, Wang, Su 2021) and log separation and NC metrics along t.");
        foreach (var o in new Option[] { classes, dim, perClass, alpha, beta, exponent, transform, noise, t0,
                     horizon, steps, separation, spread, seed, logPoints, noSeparability, noPlots, output, json })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var kind = parse.GetValue(transform) switch { "etf" => TransformKind.Etf, "orthonormal" => TransformKind.Orthonormal, _ => TransformKind.Identity };
            var k = parse.GetValue(classes);
            var config = new LeSdeConfig
            {
                Classes = k,
                Dim = parse.GetValue(dim) ?? (kind == TransformKind.Identity ? d.Dim : k),
                PerClass = parse.GetValue(perClass),
                Schedule = new ImpactSchedule(parse.GetValue(alpha), parse.GetValue(beta), parse.GetValue(exponent)),
                Transform = kind,
                Noise = parse.GetValue(noise),
                StartTime = parse.GetValue(t0),
                EndTime = parse.GetValue(horizon),
                Steps = parse.GetValue(steps),
                InitialSeparation = parse.GetValue(separation),
                InitialSpread = parse.GetValue(spread),
                Seed = parse.GetValue(seed),
            };
            config.Validate();
            var options = new LeSdeRunOptions { LogPoints = parse.GetValue(logPoints), Separability = !parse.GetValue(noSeparability) };
            options.Validate();
            var outDir = OutputGuard.Track(parse.GetValue(output)!);
            var stdout = parse.InvocationConfiguration.Output;
            var report = ConsoleProgress.Interactive(stdout)
                ? ConsoleProgress.WithBar("lesde", config.Steps, task =>
                {
                    var done = LeSdeRunner.Run(config, outDir, options, new Progress<int>(s => task.Value = s));
                    task.Value = config.Steps;
                    return done;
                }, remainingTime: true)
                : LeSdeRunner.Run(config, outDir, options);
            var plots = parse.GetValue(noPlots) ? [] : PlotFiles.WritePngs(Path.Combine(outDir, "plots"), "lesde", report.Plots);
            if (report.DivergenceMessage(plots.Count) is { } divergence)
            {
                if (parse.GetValue(json)) stdout.Write(report.SummaryJson);
                parse.InvocationConfiguration.Error.WriteLine($"error: {divergence}");
                return CliApp.Diverged;
            }
            if (parse.GetValue(json)) stdout.Write(report.SummaryJson);
            else stdout.WriteLine(SummaryLine(report, plots.Count));
            return 0;
        });
        return command;
    }

    /// <summary>A final value in the display form, followed by the reason when it is undefined or infinite ("n/a (reason)").</summary>
    private static string V(LeSdeSnapshot f, string key, double v) =>
        f.Undefined.TryGetValue(key, out var why) ? $"{NumberFormat.Display(v)} ({why})" : NumberFormat.Display(v);

    /// <summary>One line: model, time, final separation and ETF errors, output folder.</summary>
    public static string SummaryLine(LeSdeRunReport report, int plots)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Config;
        var f = report.Final;
        string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        var separable = f.SeparablePairs < 0 ? "" : $", separable pairs {f.SeparablePairs}/{f.Pairs}";
        return $"lesde: K={c.Classes} m={c.Dim} n={c.PerClass}, γ_t = "
            + $"{G(Math.Min(c.Schedule.Intra - c.Schedule.Inter, c.Schedule.Intra + (c.Classes - 1) * c.Schedule.Inter))}·t^(−{G(c.Schedule.Exponent)}) "
               + $"({c.Schedule.RateClass}), {c.Steps} steps to t = {G(c.EndTime)} in {report.ElapsedSeconds:F2} s; separation ratio {V(f, "separationRatio", f.SeparationRatio)}{separable}, "
               + $"nc1 {V(f, "nc1", f.Nc1)}, etfGramError {V(f, "etfGramError", f.EtfGramError)}, normalised ETF error "
               + $"{V(f, "normalisedEtfError", f.NormalisedEtfError)} → {report.OutputDirectory} (trajectory.csv, summary.json, {plots} plots)";
    }
}
