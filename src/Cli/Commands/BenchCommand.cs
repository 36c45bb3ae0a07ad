using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Collapse.Ufm.Bench;
using Collapse.Theory.IO;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse bench</c>: performance benchmarks. <c>collapse bench ufm</c> times the UFM gradient step
/// (<see cref="UfmBenchmark"/>) against the machine's measured matmul GFLOP/s and copy bandwidth and against a
/// straightforward PyTorch autograd step (bench/ufm_torch_ref.py, when /usr/bin/python3 has torch).
/// <c>collapse bench metrics</c> times <c>collapse metrics</c> against a streamed PyTorch pipeline and a NumPy nc1
/// (<see cref="Collapse.Sweeps.Metrics.MetricsBenchmark"/>).
/// <c>collapse bench claims</c> is the tolerance survey of the claims (<see cref="BenchClaimsCommand"/>).
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Performance benchmarks.");
        command.Subcommands.Add(Ufm());
        command.Subcommands.Add(Metrics());
        command.Subcommands.Add(BenchClaimsCommand.Create());
        return command;
    }

    private static Command Metrics()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var cases = new Option<string>("--cases")
        {
            Description = "Comma-separated cases: k100 (200000×512, K=100), k4096 (131072×256, K=4096), k32768 (1048576×1024, K=32768, 4 GB; no "
            + "references).",
            DefaultValueFactory = _ => "k100,k4096"
        };
        var work = new Option<string?>("--work") { Description = "Folder for the generated inputs (default: a collapse-bench-metrics folder in the temp folder; reused between runs)." };
        var threads = new Option<int?>("--threads") { Description = "Threads for Collapse and PyTorch (default: one per core)." };
        var noReference = new Option<bool>("--no-reference") { Description = "Skip the PyTorch pipeline and the NumPy nc1." };
        var python = new Option<string>("--python") { Description = "Python with torch and numpy.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var delete = new Option<bool>("--delete-inputs") { Description = "Delete each generated input after its case." };
        var collapse = new Option<string?>("--collapse") { Description = "collapse executable to time (default: this one)." };
        var command = new Command("metrics", "Times `collapse metrics` against a streamed PyTorch float32 pipeline (bench/metrics_torch_ref.py) and a textbook NumPy nc1 "
            + "(bench/nc1_numpy_ref.py) on generated float32 inputs; times, ratios, peak memory.");
        foreach (var o in new Option[] { json, cases, work, threads, noReference, python, delete, collapse }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var selected = Collapse.Sweeps.Metrics.MetricsBenchCase.Parse(parse.GetValue(cases)!);
            var t = parse.GetValue(threads);
            if (t is < 1) throw new Collapse.Theory.InputException($"--threads {t}: must be at least 1");
            var skip = parse.GetValue(noReference);
            var stderr = parse.InvocationConfiguration.Error;
            var report = Collapse.Sweeps.Metrics.MetricsBenchmark.Run(new Collapse.Sweeps.Metrics.MetricsBenchOptions
            {
                Cases = selected,
                WorkDir = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "collapse-bench-metrics"),
                Collapse = Collapse.Cli.Infrastructure.CollapseExecutable.Locate(parse.GetValue(collapse)),
                TorchScript = skip ? null : FindUp(Path.Combine("bench", "metrics_torch_ref.py")),
                NumpyScript = skip ? null : FindUp(Path.Combine("bench", "nc1_numpy_ref.py")),
                Python = parse.GetValue(python)!,
                Threads = t ?? 0,
                DeleteInputs = parse.GetValue(delete),
                Log = line => stderr.WriteLine(line),
            });
            parse.InvocationConfiguration.Output.Write(parse.GetValue(json) ? MetricsJson(report) : MetricsText(report));
            return 0;
        });
        return command;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Human-readable metrics benchmark.</summary>
    public static string MetricsText(Collapse.Sweeps.Metrics.MetricsBenchReport r)
    {
        var sb = new StringBuilder();
        foreach (var res in r.Results)
        {
            var c = res.Case;
            sb.AppendLine(CultureInfo.InvariantCulture, $"case {c.Name}: N = {c.Rows}, d = {c.Dim}, K = {c.Classes}, float32 features, W and b");
            sb.AppendLine($"  {"tool",-9} {"time",9} {"process",9} {"peak",9}  {"Collapse is",-14} detail");
            foreach (var run in res.Runs)
            {
                var ratio = run.Tool == "collapse" ? "" : G(res.Speedup(run.Tool)) + "× faster";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {run.Tool,-9} {run.Seconds,8:0.00}s {run.ProcessSeconds,8:0.00}s {Mb(run.PeakMemoryBytes),9}  {ratio,-14} {run.Detail}");
            }
            foreach (var n in res.Notes) sb.AppendLine($"  note: {n}");
            var collapse = res.Runs.FirstOrDefault(x => x.Tool == "collapse");
            foreach (var other in res.Runs.Where(x => x.Tool != "collapse"))
            {
                var diffs = other.Metrics.Where(kv => collapse!.Metrics.ContainsKey(kv.Key))
                    .Select(kv => $"{kv.Key} {RelDiff(collapse!.Metrics[kv.Key], kv.Value)}");
                sb.AppendLine($"  agreement with {other.Tool} (relative difference): {string.Join(", ", diffs)}");
            }
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"load average: {G(r.LoadBefore)} before, {G(r.LoadAfter)} after ({r.Cores} cores); time = the tool's timed section (Python: after its "
            + $"imports), process = child start to exit");
        return sb.ToString();
    }

    private static string RelDiff(double a, double b) =>
        a == b ? "0" : (Math.Abs(a - b) / Math.Max(Math.Abs(a), 1e-300)).ToString("0.0e0", CultureInfo.InvariantCulture);

    /// <summary>JSON metrics benchmark.</summary>
    public static string MetricsJson(Collapse.Sweeps.Metrics.MetricsBenchReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            void N(string name, double v) { if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name); }
            w.WriteStartObject();
            w.WriteStartArray("cases");
            foreach (var res in r.Results)
            {
                w.WriteStartObject();
                w.WriteString("name", res.Case.Name);
                w.WriteNumber("rows", res.Case.Rows);
                w.WriteNumber("dim", res.Case.Dim);
                w.WriteNumber("classes", res.Case.Classes);
                w.WriteStartArray("runs");
                foreach (var run in res.Runs)
                {
                    w.WriteStartObject();
                    w.WriteString("tool", run.Tool);
                    N("seconds", run.Seconds);
                    N("processSeconds", run.ProcessSeconds);
                    w.WriteNumber("peakMemoryBytes", run.PeakMemoryBytes);
                    N("collapseSpeedup", run.Tool == "collapse" ? 1 : res.Speedup(run.Tool));
                    w.WriteString("detail", run.Detail);
                    w.WriteStartObject("metrics");
                    foreach (var (k, v) in run.Metrics) N(k, v);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("notes");
                foreach (var n in res.Notes) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            N("loadAverageBefore", r.LoadBefore);
            N("loadAverageAfter", r.LoadAfter);
            w.WriteNumber("cores", r.Cores);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static Command Ufm()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var steps = new Option<int>("--steps") { Description = "Timed steps per dtype.", DefaultValueFactory = _ => 50 };
        var classes = new Option<int>("--classes") { Description = "K.", DefaultValueFactory = _ => 10 };
        var dim = new Option<int>("--dim") { Description = "d.", DefaultValueFactory = _ => 512 };
        var perClass = new Option<int>("--per-class") { Description = "n per class.", DefaultValueFactory = _ => 500 };
        var reference = new Option<string?>("--reference") { Description = "PyTorch reference script (default: bench/ufm_torch_ref.py found from the current folder upwards)." };
        var noReference = new Option<bool>("--no-reference") { Description = "Skip the PyTorch reference." };
        var matmulSize = new Option<int>("--roofline-matmul") { Description = "n of the n×n×n matmul measuring peak GFLOP/s.", DefaultValueFactory = _ => 1024 };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads (default: all cores; 1 is faster on a heavily shared CPU)." };
        var copyMb = new Option<int>("--roofline-copy-mb") { Description = "MiB per array of the STREAM-like copy.", DefaultValueFactory = _ => 256 };
        var command = new Command("ufm", "Steps/s, GFLOP/s, GB/s and roofline fraction of the joint CE UFM step (K=10, d=512, N=5000, CPU) in float64 and float32.");
        foreach (var o in new Option[] { json, steps, classes, dim, perClass, reference, noReference, matmulSize, copyMb, threads }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var positive = new[] { steps, classes, dim, perClass, matmulSize, copyMb };
            foreach (var (o, v) in positive.Select(o => (o, parse.GetValue(o))))
                if (v < 1 || (o == classes && v < 2)) throw new Collapse.Theory.InputException($"{o.Name} {v}: must be at least {(o == classes ? 2 : 1)}");
            if (parse.GetResult(threads) is not null && parse.GetValue(threads) < 1)
                throw new Collapse.Theory.InputException($"--threads {parse.GetValue(threads)}: must be at least 1 (leave it out for all cores)");
            if (!parse.GetValue(noReference) && parse.GetValue(reference) is { } given && !File.Exists(given))
                throw new Collapse.Theory.InputException($"--reference {given}: file not found");
            var script = parse.GetValue(noReference) ? null : parse.GetValue(reference) ?? FindUp(Path.Combine("bench", "ufm_torch_ref.py"));
            var report = UfmBenchmark.Run(new UfmBenchOptions
            {
                Steps = parse.GetValue(steps),
                Classes = parse.GetValue(classes),
                Dim = parse.GetValue(dim),
                PerClass = parse.GetValue(perClass),
                Warmup = Math.Max(2, parse.GetValue(steps) / 10),
                ReferenceScript = script,
                Threads = Math.Max(0, parse.GetValue(threads)),
                RooflineMatmulSize = parse.GetValue(matmulSize),
                RooflineCopyBytes = (long)parse.GetValue(copyMb) << 20,
            });
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(json) ? Json(report) : Text(report));
            return 0;
        });
        return command;
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string G(double v) => NumberFormat.Display(v);

    /// <summary>Human-readable report.</summary>
    public static string Text(UfmBenchReport r)
    {
        var o = r.Options;
        var m = r.Machine;
        var sb = new StringBuilder();
        sb.AppendLine($"ufm step, joint CE, K={o.Classes} d={o.Dim} N={o.Classes * o.PerClass}, CPU, {m.Threads} threads, {o.Steps} timed steps per dtype");
        sb.AppendLine($"machine: matmul {G(m.MatmulGflopsFloat64)} GFLOP/s float64, {G(m.MatmulGflopsFloat32)} GFLOP/s float32; copy {G(m.CopyGBytesPerSecond)} GB/s");
        foreach (var (name, t) in new[] { ("float64", r.Float64), ("float32", r.Float32) })
            sb.AppendLine($"{name} ({t.Engine}): {G(t.StepsPerSecond)} steps/s, {G(t.Gflops)} GFLOP/s, {G(t.GbPerSecond)} GB/s, roofline {t.RooflineFraction:P1}; "
                          + $"TorchSharp GEMM engine {G(t.TorchStepsPerSecond)} steps/s; PyTorch autograd {G(t.ReferenceStepsPerSecond)} steps/s → {G(t.SpeedupOverReference)}× faster");
        sb.AppendLine($"reference: {r.ReferenceNote}");
        sb.AppendLine($"load average: {G(r.LoadAverage.Before)} before, {G(r.LoadAverage.After)} after ({Environment.ProcessorCount} cores)");
        return sb.ToString();
    }

    /// <summary>JSON report.</summary>
    public static string Json(UfmBenchReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            void N(string name, double v) => w.WriteFiniteOrNull(name, v);
            w.WriteStartObject();
            w.WriteStartObject("problem");
            w.WriteNumber("classes", r.Options.Classes);
            w.WriteNumber("dim", r.Options.Dim);
            w.WriteNumber("samples", r.Options.Classes * r.Options.PerClass);
            w.WriteString("device", "cpu");
            w.WriteNumber("steps", r.Options.Steps);
            w.WriteEndObject();
            w.WriteStartObject("machine");
            N("matmulGflopsFloat64", r.Machine.MatmulGflopsFloat64);
            N("matmulGflopsFloat32", r.Machine.MatmulGflopsFloat32);
            N("copyGbPerSecond", r.Machine.CopyGBytesPerSecond);
            w.WriteNumber("threads", r.Machine.Threads);
            w.WriteEndObject();
            foreach (var (name, t) in new[] { ("float64", r.Float64), ("float32", r.Float32) })
            {
                w.WriteStartObject(name);
                w.WriteString("engine", t.Engine);
                N("stepsPerSecond", t.StepsPerSecond);
                N("gflops", t.Gflops);
                N("gbPerSecond", t.GbPerSecond);
                N("rooflineFraction", t.RooflineFraction);
                N("flopsPerStep", t.FlopsPerStep);
                N("bytesPerStep", t.BytesPerStep);
                N("referenceStepsPerSecond", t.ReferenceStepsPerSecond);
                N("speedupOverReference", t.SpeedupOverReference);
                N("torchEngineStepsPerSecond", t.TorchStepsPerSecond);
                w.WriteEndObject();
            }
            w.WriteString("reference", r.ReferenceNote);
            N("loadAverageBefore", r.LoadAverage.Before);
            N("loadAverageAfter", r.LoadAverage.After);
            w.WriteNumber("cores", Environment.ProcessorCount);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
