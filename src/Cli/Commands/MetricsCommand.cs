using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Rendering;
using Collapse.Sweeps.Metrics;
using Collapse.Sweeps.Slurm;
using Collapse.Theory;
using Collapse.Theory.IO;
using Collapse.Theory.Metrics;
using Collapse.Theory.Metrics.Sharding;
using Spectre.Console;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse metrics</c>: every NC metric, margin and loss of a features/labels pair of .npy files (and optionally a
/// classifier W and bias b), computed by the streamed core <see cref="MetricEngine"/> through
/// <see cref="NpyMetricsPipeline"/>; or sharded (<c>--shards S --local|--slurm</c>, and the steps
/// <c>metrics plan|shard|merge</c>) through <see cref="MetricShards"/> and <see cref="MetricSlurm"/>.
/// </summary>
public static class MetricsCommand
{
    private sealed class Flags
    {
        public readonly Option<string?> Features = new("--features") { Description = "N×d features (.npy, float32/float64, C order)." };
        public readonly Option<string?> Labels = new("--labels") { Description = "N labels (.npy, int32/int64/uint8) in [0, K)." };
        public readonly Option<string?> Classifier = new("--classifier") { Description = "K×d classifier W (.npy); enables nc3, nc4, margins and CE." };
        public readonly Option<string?> Bias = new("--bias") { Description = "Bias b of length K (.npy); needs --classifier." };
        public readonly Option<int?> Classes = new("--classes") { Description = "Number of classes K (default: max label + 1)." };
        public readonly Option<int?> ChunkRows = new("--chunk-rows") { Description = "Rows per streamed chunk (default: about 8 MB of doubles)." };
        public readonly Option<bool> PairMargins = new("--pair-margins") { Description = "Keep and print the K×K class-pair margins γ_kl (O(K²) memory; default: only for K ≤ 64)." };
        public readonly Option<string> Screening = new("--screening")
        {
            Description = "Precision of the nearest-centre screening product: float32 (exact float64 recheck of close calls) or "
            + "float64.",
            DefaultValueFactory = _ => "float32"
        };

        public Option[] Inputs => [Features, Labels, Classifier, Bias, Classes, ChunkRows, PairMargins, Screening];

        public NpyMetricsInputs ReadInputs(ParseResult parse)
        {
            var f = parse.GetValue(Features) ?? throw new InputException("--features: required (N×d features .npy)");
            var l = parse.GetValue(Labels) ?? throw new InputException("--labels: required (N labels .npy)");
            return new NpyMetricsInputs(f, l, parse.GetValue(Classifier), parse.GetValue(Bias), parse.GetValue(Classes), parse.GetValue(ChunkRows));
        }

        public MetricOptions ReadOptions(ParseResult parse, int? threads)
        {
            var screening = parse.GetValue(Screening);
            if (screening is not ("float32" or "float64")) throw new InputException($"--screening {screening}: expected float32 or float64");
            if (threads is < 1) throw new InputException($"--threads {threads}: must be at least 1");
            if (parse.GetValue(ChunkRows) is < 1) throw new InputException($"--chunk-rows {parse.GetValue(ChunkRows)}: must be at least 1");
            return new MetricOptions
            {
                Threads = threads ?? 0,
                ChunkRows = parse.GetValue(ChunkRows),
                PairMargins = parse.GetValue(PairMargins) ? PairMarginMode.Matrix : PairMarginMode.Auto,
                Float32Screening = screening == "float32",
            };
        }
    }

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var flags = new Flags();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: one per core); the result does not depend on it." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no summary line on stderr." };
        var timings = new Option<string?>("--timings") { Description = "Write pass times, rows/s and peak memory to this JSON file." };
        var shards = new Option<int?>("--shards") { Description = "Split the run into S pass-1 row shards and S pass-2 class shards (with --local or --slurm, and --work)." };
        var local = new Option<bool>("--local") { Description = "With --shards: run every shard step in this process, one after the other." };
        var slurm = new Option<bool>("--slurm") { Description = "With --shards: submit the steps as a chain of Slurm jobs (two job arrays and two merges)." };
        var work = new Option<string?>("--work") { Description = "With --shards: the run folder (plan, shard states, logs, metrics.json)." };
        var wait = new Option<bool>("--wait") { Description = "With --slurm: wait for the final merge and print its result." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Slurm time limit per task (e.g. 30, 02:00:00)." };
        var arrayLimit = new Option<int?>("--array-limit") { Description = "Most array tasks running at once." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Slurm CPUs per task (the threads of each step).", DefaultValueFactory = _ => 1 };
        var mem = new Option<string?>("--mem") { Description = "Slurm memory per task (e.g. 4G)." };
        var account = new Option<string?>("--account") { Description = "Slurm account." };
        var sbatch = new Option<string>("--sbatch") { Description = "sbatch program to submit with.", DefaultValueFactory = _ => "sbatch" };
        var collapse = new Option<string?>("--collapse") { Description = "collapse executable (or collapse.dll) the Slurm jobs call; default: this one." };
        var slurmOnly = new Option[] { wait, partition, time, arrayLimit, cpus, mem, account, sbatch, collapse };

        var command = new Command("metrics", "Compute NC1–NC4, CDNV, equinorm/equiangularity, margins and CE of features in .npy files (streamed, two passes; sharded with --shards).");
        foreach (var o in flags.Inputs.Concat([json, threads, quiet, timings, shards, local, slurm, work]).Concat(slurmOnly)) command.Options.Add(o);
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Shard());
        command.Subcommands.Add(Merge());
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var inputs = flags.ReadInputs(parse);
            var options = flags.ReadOptions(parse, parse.GetValue(threads));
            var asJson = parse.GetValue(json);
            if (parse.GetValue(shards) is not { } s)
            {
                foreach (var o in new Option[] { local, slurm, work }.Concat(slurmOnly))
                    if (parse.GetResult(o) is { Implicit: false }) throw new InputException($"{o.Name}: only with --shards");
                if (parse.GetValue(timings) is { } timingsPath) OutputGuard.RequireWritableFile(timingsPath, "--timings");
                var clock = Stopwatch.StartNew();
                var report = WithProgress(stderr, parse.GetValue(quiet), o => NpyMetricsPipeline.Compute(inputs, o), options);
                Finish(report, clock.Elapsed, options, stderr, parse.GetValue(quiet), parse.GetValue(timings));
                Render(report, asJson).Write(stdout, asJson);
                return 0;
            }
            if (parse.GetValue(local) == parse.GetValue(slurm)) throw new InputException("--shards: choose one executor, --local or --slurm");
            var dir = OutputGuard.Track(parse.GetValue(work) ?? throw new InputException("--work: required with --shards (the run folder)"), "--work");
            if (parse.GetResult(timings) is { Implicit: false }) throw new InputException("--timings: only for a one-process run");
            if (parse.GetValue(local))
            {
                foreach (var o in slurmOnly)
                    if (parse.GetResult(o) is { Implicit: false }) throw new InputException($"{o.Name}: only with --slurm");
                var report = MetricShards.RunLocally(inputs, s, dir, options);
                WriteResult(dir, report);
                Render(report, asJson).Write(stdout, asJson);
                return 0;
            }
            var slurmOptions = new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(arrayLimit), parse.GetValue(cpus), parse.GetValue(mem), parse.GetValue(account));
            slurmOptions.Validate();
            var launcher = CollapseExecutable.Locate(parse.GetValue(collapse));
            var plan = MetricShards.Plan(inputs, s, dir, options);
            return SubmitSlurm(plan, dir, launcher, slurmOptions, parse.GetValue(sbatch)!, parse.GetValue(wait), asJson, stdout);
        });
        return command;
    }

    private static int SubmitSlurm(MetricShardPlan plan, string dir, Sweeps.Execution.CommandLauncher launcher, SlurmOptions options, string sbatch, bool wait, bool asJson, TextWriter stdout)
    {
        using var signals = new SignalCancellation();
        var submittedAt = DateTime.UtcNow;
        IReadOnlyList<string> ids;
        try
        {
            ids = MetricSlurm.SubmitAsync(plan, dir, launcher, options, sbatch, signals.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return signals.ExitCode;
        }
        var result = MetricShardLayout.Result(dir);
        if (!wait)
        {
            stdout.WriteLine($"submitted jobs {string.Join(", ", ids)} (pass 1 array, merge, pass 2 array, merge) for {plan.Shards} shards; the result will be {result}");
            return 0;
        }
        string text;
        try
        {
            text = MetricSlurm.WaitForResultAsync(dir, ids, submittedAt, sbatch, signals.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            stdout.WriteLine($"stopped waiting; jobs {string.Join(", ", ids)} keep running (the result will be {result})");
            return signals.ExitCode;
        }
        if (asJson) stdout.WriteLine(text.TrimEnd());
        else stdout.Write(JsonToText(text));
        return 0;
    }

    private static Command Plan()
    {
        var flags = new Flags();
        var shards = new Option<int>("--shards") { Description = "Number of shards S (pass-1 row ranges and pass-2 class ranges).", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder (created).", Required = true };
        var command = new Command("plan", "Validate the inputs and write DIR/plan.json for a sharded run: S pass-1 row shards and S pass-2 class shards.");
        foreach (var o in flags.Inputs.Concat([shards, output])) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var dir = OutputGuard.Track(parse.GetValue(output)!);
            var plan = MetricShards.Plan(flags.ReadInputs(parse), parse.GetValue(shards), dir, flags.ReadOptions(parse, null));
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"planned {plan.Shards} shards of N = {plan.Rows}, d = {plan.Dim}, K = {plan.Classes} in {MetricShardLayout.Plan(dir)}");
            o.WriteLine($"next: collapse metrics shard {dir} --pass 1 --index I (I = 0..{plan.Shards - 1}), then collapse metrics merge {dir} --pass 1");
            return 0;
        });
        return command;
    }

    private static Command Shard()
    {
        var dir = new Argument<string>("dir") { Description = "Run folder written by 'collapse metrics plan'." };
        var pass = new Option<int>("--pass") { Description = "1 (class statistics of a row shard) or 2 (decisions and margins of a class shard).", Required = true };
        var index = new Option<int>("--index") { Description = "Shard index (the Slurm array index).", Required = true };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: one per core)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing." };
        var command = new Command("shard", "Run one shard of a sharded metric run (what each Slurm array task calls).");
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { pass, index, threads, quiet }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            var p = parse.GetValue(pass);
            var i = parse.GetValue(index);
            var t = parse.GetValue(threads);
            if (t is < 1) throw new InputException($"--threads {t}: must be at least 1");
            var options = new MetricOptions { Threads = t ?? 0 };
            var clock = Stopwatch.StartNew();
            if (p == 1) MetricShards.RunPass1(d, i, options);
            else if (p == 2) MetricShards.RunPass2(d, i, options);
            else throw new InputException($"--pass {p}: expected 1 or 2");
            if (!parse.GetValue(quiet))
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pass {p} shard {i}: wrote {(p == 1 ? MetricShardLayout.Pass1(d, i) : MetricShardLayout.Pass2(d, i))} in {clock.Elapsed.TotalSeconds:0.00} s"));
            return 0;
        });
        return command;
    }

    private static Command Merge()
    {
        var dir = new Argument<string>("dir") { Description = "Run folder." };
        var pass = new Option<int>("--pass") { Description = "1: merge the pass-1 states into stats.bin; 2 (default): merge the pass-2 states and write metrics.json.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: one per core)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing (DIR/metrics.json has the result)." };
        var command = new Command("merge", "Merge the shard states of a sharded metric run: --pass 1 (class statistics) or the final merge (the report, DIR/metrics.json).");
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { pass, json, threads, quiet }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            var t = parse.GetValue(threads);
            if (t is < 1) throw new InputException($"--threads {t}: must be at least 1");
            var o = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(pass))
            {
                case 1:
                    var stats = MetricShards.MergePass1(d);
                    if (!parse.GetValue(quiet)) o.WriteLine($"merged pass 1 of {stats.Total} rows into {MetricShardLayout.Stats(d)}; next: collapse metrics shard {d} --pass 2 --index I");
                    return 0;
                case 2:
                    var report = MetricShards.Merge(d, new MetricOptions { Threads = t ?? 0 });
                    WriteResult(d, report);
                    var asJson = parse.GetValue(json);
                    if (!parse.GetValue(quiet)) Render(report, asJson).Write(o, asJson);
                    return 0;
                default:
                    throw new InputException($"--pass {parse.GetValue(pass)}: expected 1 or 2");
            }
        });
        return command;
    }

    private static void WriteResult(string dir, MetricReport report) =>
        AtomicFile.Write(MetricShardLayout.Result(dir), s =>
        {
            using var w = new StreamWriter(s);
            w.WriteLine(Render(report, json: true).ToJson());
        });

    /// <summary>The output of a report: the convention keys, then the pair-margin summary, worst pairs and engine diagnostics.</summary>
    public static KeyValueOutput Render(MetricReport report, bool json)
    {
        var output = new KeyValueOutput();
        // A metric without a finite value: JSON null (the reason under "undefined"), text "n/a (reason)".
        object Metric(string key, double value) =>
            json || !report.Undefined.TryGetValue(key, out var reason) ? value
            : double.IsInfinity(value) ? $"{(value > 0 ? "+inf" : "-inf")} ({reason})" : $"n/a ({reason})";
        foreach (var (key, value) in report.ToKeyValues())
            output.Add(key, key is "classes" or "samples" or "dim" ? (long)value : Metric(key, value));
        if (report.Margins is { } m)
        {
            if (m.HasClassPair && json) output.Add("classPairMargins", m.ClassPair);
            var p = m.PairStatistics;
            output.Add("pairMarginMean", Metric("pairMarginMean", p.Mean)).Add("pairMarginStd", Metric("pairMarginStd", p.Std))
                .Add("pairMarginMax", Metric("pairMarginMax", p.Max)).Add("negativePairMargins", p.Negative);
            var worst = new double[p.Worst.Count, 3];
            for (var i = 0; i < p.Worst.Count; i++)
            {
                worst[i, 0] = p.Worst[i].K;
                worst[i, 1] = p.Worst[i].L;
                worst[i, 2] = p.Worst[i].Gamma;
            }
            output.Add("worstClassPairs", worst);
        }
        if (json && report.Undefined.Count > 0) output.Add("undefined", report.Undefined);
        if (report.Engine is { } e)
        {
            if (e.ScaleExponent != 0) output.Add("featureScaleExponent", e.ScaleExponent);
            output.Add("nc1Rank", e.Nc1Rank).Add("nccScreening", e.Screening).Add("nccRechecks", e.NccRechecks)
                .Add("logitRechecks", e.LogitRechecks).Add("cdnvRecomputedPairs", e.CdnvRecomputed);
        }
        return output;
    }

    private static string JsonToText(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var output = new KeyValueOutput();
        var reasons = new Dictionary<string, string>();
        if (doc.RootElement.TryGetProperty("undefined", out var undefined) && undefined.ValueKind == JsonValueKind.Object)
            foreach (var u in undefined.EnumerateObject()) reasons[u.Name] = u.Value.GetString() ?? "";
        foreach (var p in doc.RootElement.EnumerateObject())
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Number: output.Add(p.Name, p.Value.GetDouble()); break;
                case JsonValueKind.String: output.Add(p.Name, p.Value.GetString()!); break;
                case JsonValueKind.Null: output.Add(p.Name, reasons.TryGetValue(p.Name, out var r) ? $"n/a ({r})" : double.NaN); break;
            }
        return output.ToText();
    }

    /// <summary>A Spectre console on stderr when stderr is an interactive terminal (stdout may be redirected to a file).</summary>
    private static IAnsiConsole? InteractiveStderr(TextWriter stderr)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected) return null;
        // Spectre's own detection looks at stdout; the bars go to stderr, which is a terminal here.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        return console.Profile.Capabilities.Ansi && console.Profile.Out.IsTerminal ? console : null;
    }

    private static MetricReport WithProgress(TextWriter stderr, bool quiet, Func<MetricOptions, MetricReport> run, MetricOptions options)
    {
        if (quiet) return run(options);
        if (InteractiveStderr(stderr) is not { } console) return run(options with { Progress = new LineProgress(stderr) });
        MetricReport? report = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = new[]
                {
                    ctx.AddTask("pass 1: class statistics", maxValue: 1),
                    ctx.AddTask("pass 2: decisions, margins, CE", autoStart: false, maxValue: 1),
                };
                report = run(options with { Progress = new BarProgress(tasks) });
            });
        return report!;
    }

    private static void Finish(MetricReport report, TimeSpan elapsed, MetricOptions options, TextWriter stderr, bool quiet, string? timingsPath)
    {
        var peak = MetricTimingsFile.PeakMemoryBytes();
        var t = report.Engine?.Timings;
        if (timingsPath is not null) MetricTimingsFile.Write(timingsPath, report, elapsed, options.EffectiveThreads, peak);
        if (quiet) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"metrics: {report.Samples} rows × {report.Dim}, K = {report.Classes}, {options.EffectiveThreads} threads: {elapsed.TotalSeconds:0.00} s, {report.Samples / elapsed.TotalSeconds:0} "
                + $"rows/s");
        if (t is not null)
            line += string.Create(CultureInfo.InvariantCulture,
                $" (pass 1 {t.Pass1Seconds:0.00} s, prepare {t.PrepareSeconds:0.00} s, pass 2 {t.Pass2Seconds:0.00} s, geometry {t.AssembleSeconds:0.00} s)");
        line += string.Create(CultureInfo.InvariantCulture, $"; peak memory {peak / 1048576.0:0} MB");
        stderr.WriteLine(line);
    }

    /// <summary>Plain progress for logs: one line per finished pass, and one every 30 s during a long pass.</summary>
    private sealed class LineProgress(TextWriter stderr) : IProgress<MetricProgress>
    {
        private readonly object _gate = new();
        private readonly bool[] _done = new bool[3];
        private readonly double[] _last = new double[3];

        public void Report(MetricProgress value)
        {
            lock (_gate)
            {
                var pass = Math.Clamp(value.Pass, 1, 2);
                var s = value.Elapsed.TotalSeconds;
                if (value.Done >= value.Total)
                {
                    if (_done[pass]) return;
                    _done[pass] = true;
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: {value.Total} rows in {s:0.00} s ({value.Total / Math.Max(s, 1e-9):0} rows/s)"));
                    return;
                }
                if (s - _last[pass] < 30) return;
                _last[pass] = s;
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: {100.0 * value.Done / value.Total:0}% ({value.Done} of {value.Total} rows, {s:0} s)"));
            }
        }
    }

    /// <summary>Spectre.Console bars, one per pass.</summary>
    private sealed class BarProgress(ProgressTask[] tasks) : IProgress<MetricProgress>
    {
        public void Report(MetricProgress value)
        {
            var task = tasks[Math.Clamp(value.Pass, 1, 2) - 1];
            if (!task.IsStarted) task.StartTask();
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            if (value.Done >= value.Total) task.StopTask();
        }
    }
}
