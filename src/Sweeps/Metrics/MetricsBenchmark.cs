using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Collapse.Sweeps.Execution;
using Collapse.Theory.IO;

namespace Collapse.Sweeps.Metrics;

/// <summary>One benchmark case of <see cref="MetricsBenchmark"/>.</summary>
/// <param name="Name">Short name (k100, k4096, k32768).</param>
/// <param name="Rows">N.</param>
/// <param name="Dim">d.</param>
/// <param name="Classes">K.</param>
/// <param name="References">Whether the PyTorch and NumPy references run on it.</param>
public sealed record MetricsBenchCase(string Name, int Rows, int Dim, int Classes, bool References)
{
    /// <summary>The cases of docs/metrics.md: the issue's two comparisons and the vocabulary-sized head.</summary>
    public static IReadOnlyList<MetricsBenchCase> Known { get; } =
    [
        new("k100", 200_000, 512, 100, true),
        new("k4096", 131_072, 256, 4096, true),
        new("k32768", 1_048_576, 1024, 32_768, false),
    ];

    /// <summary>The cases named in <paramref name="list"/> (the <c>--cases</c> value: comma-separated names of <see cref="Known"/>, in the order given).</summary>
    /// <exception cref="Theory.InputException">An unknown name, or no name at all.</exception>
    public static IReadOnlyList<MetricsBenchCase> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var selected = new List<MetricsBenchCase>();
        foreach (var n in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            selected.Add(Known.FirstOrDefault(c => c.Name == n)
                ?? throw new Theory.InputException($"--cases {n}: unknown case (known: {string.Join(", ", Known.Select(c => c.Name))})"));
        if (selected.Count == 0)
            throw new Theory.InputException($"--cases '{list}': no case named (known: {string.Join(", ", Known.Select(c => c.Name))})");
        return selected;
    }
}

/// <summary>Options of <see cref="MetricsBenchmark.Run"/>.</summary>
public sealed record MetricsBenchOptions
{
    /// <summary>Cases to run.</summary>
    public required IReadOnlyList<MetricsBenchCase> Cases { get; init; }

    /// <summary>Folder for the generated inputs (one sub-folder per case, reused when present).</summary>
    public required string WorkDir { get; init; }

    /// <summary>How to start collapse (the child that is timed).</summary>
    public required CommandLauncher Collapse { get; init; }

    /// <summary>bench/metrics_torch_ref.py, or null to skip the PyTorch pipeline.</summary>
    public string? TorchScript { get; init; }

    /// <summary>bench/nc1_numpy_ref.py, or null to skip the NumPy nc1.</summary>
    public string? NumpyScript { get; init; }

    /// <summary>Python with torch and numpy.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>Threads for Collapse and PyTorch (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Delete each generated input after its case.</summary>
    public bool DeleteInputs { get; init; }

    /// <summary>Progress lines (case started, tool finished).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>One tool's run on one case.</summary>
/// <param name="Tool">collapse, pytorch or numpy.</param>
/// <param name="Seconds">Timed section reported by the tool (Collapse: the whole computation, file opening included; Python: after the imports).</param>
/// <param name="ProcessSeconds">Wall time of the child process, start to exit (interpreter or runtime start included).</param>
/// <param name="PeakMemoryBytes">Peak resident memory (VmHWM / ru_maxrss) of the child.</param>
/// <param name="Detail">Tool details (threads, BLAS library, engine diagnostics).</param>
/// <param name="Metrics">Selected metric values, for the agreement check.</param>
public sealed record MetricsBenchRun(string Tool, double Seconds, double ProcessSeconds, long PeakMemoryBytes, string Detail, IReadOnlyDictionary<string, double> Metrics);

/// <summary>All runs of one case and the ratios.</summary>
/// <param name="Case">The case.</param>
/// <param name="Runs">Collapse first, then the references that ran.</param>
/// <param name="Notes">Why a reference did not run, or failed.</param>
public sealed record MetricsBenchResult(MetricsBenchCase Case, IReadOnlyList<MetricsBenchRun> Runs, IReadOnlyList<string> Notes)
{
    /// <summary>reference seconds / Collapse seconds for <paramref name="tool"/> (NaN when absent).</summary>
    public double Speedup(string tool) =>
        Runs.FirstOrDefault(r => r.Tool == tool) is { } r && Runs.FirstOrDefault(x => x.Tool == "collapse") is { } c ? r.Seconds / c.Seconds : double.NaN;
}

/// <summary>The whole benchmark.</summary>
/// <param name="Results">One per case.</param>
/// <param name="LoadBefore">1-minute load average before.</param>
/// <param name="LoadAfter">1-minute load average after.</param>
/// <param name="Cores">Logical cores.</param>
public sealed record MetricsBenchReport(IReadOnlyList<MetricsBenchResult> Results, double LoadBefore, double LoadAfter, int Cores);

/// <summary>
/// <c>collapse bench metrics</c> (docs/metrics.md): generates each case (<see cref="SyntheticFeatures"/>, float32 features,
/// W and b), then times <c>collapse metrics</c> as a child process (its <c>--timings</c> file gives the times and the
/// peak memory), the streamed PyTorch float32 pipeline of bench/metrics_torch_ref.py and the textbook in-memory NumPy nc1
/// of bench/nc1_numpy_ref.py, one after the other, and reports times, ratios and peaks. A benchmark, never a test.
/// </summary>
public static class MetricsBenchmark
{
    /// <summary>Runs every case.</summary>
    public static MetricsBenchReport Run(MetricsBenchOptions options)
    {
        var before = LoadAverage.OneMinute();
        var results = new List<MetricsBenchResult>();
        foreach (var c in options.Cases)
        {
            var dir = Path.Combine(options.WorkDir, $"{c.Name}-{c.Rows}x{c.Dim}x{c.Classes}");
            var files = new SyntheticFeatureFiles(Path.Combine(dir, "features.npy"), Path.Combine(dir, "labels.npy"), Path.Combine(dir, "W.npy"), Path.Combine(dir, "b.npy"));
            if (!File.Exists(files.Features) || !File.Exists(files.Bias))
            {
                options.Log?.Invoke($"{c.Name}: generating {c.Rows}×{c.Dim} float32 features, K = {c.Classes}, in {dir}");
                files = SyntheticFeatures.Write(dir, c.Rows, c.Dim, c.Classes);
            }
            var runs = new List<MetricsBenchRun>();
            var notes = new List<string>();
            try
            {
                runs.Add(RunCollapse(options, files, dir));
                options.Log?.Invoke($"{c.Name}: collapse {runs[^1].Seconds:0.00} s");
                if (c.References)
                {
                    foreach (var (tool, script, args) in new[]
                    {
                        ("pytorch", options.TorchScript, new[] { files.Features, files.Labels, files.Classifier, files.Bias, "--threads", Threads(options).ToString(CultureInfo.InvariantCulture) }),
                        ("numpy", options.NumpyScript, new[] { files.Features, files.Labels }),
                    })
                    {
                        if (script is null) { notes.Add($"{tool}: skipped (no script or --no-reference)"); continue; }
                        var run = RunPython(options, tool, script, args, out var why);
                        if (run is null) notes.Add($"{tool}: {why}");
                        else
                        {
                            runs.Add(run);
                            options.Log?.Invoke($"{c.Name}: {tool} {run.Seconds:0.00} s");
                        }
                    }
                }
                else notes.Add("references skipped for this case (too large for the in-memory NumPy nc1; PyTorch would take hours)");
            }
            finally
            {
                if (options.DeleteInputs) Directory.Delete(dir, recursive: true);
            }
            results.Add(new MetricsBenchResult(c, runs, notes));
        }
        return new MetricsBenchReport(results, before, LoadAverage.OneMinute(), Environment.ProcessorCount);
    }

    private static int Threads(MetricsBenchOptions o) => o.Threads > 0 ? o.Threads : Environment.ProcessorCount;

    private static MetricsBenchRun RunCollapse(MetricsBenchOptions options, SyntheticFeatureFiles f, string dir)
    {
        var timings = Path.Combine(dir, "collapse-timings.json");
        var output = Path.Combine(dir, "collapse-metrics.json");
        var args = new List<string> { "metrics", "--features", f.Features, "--labels", f.Labels, "--classifier", f.Classifier, "--bias", f.Bias, "--json", "--quiet", "--timings", timings };
        if (options.Threads > 0) args.AddRange(["--threads", options.Threads.ToString(CultureInfo.InvariantCulture)]);
        var (code, stdout, stderr, seconds) = Start(options.Collapse.FileName, [.. options.Collapse.PrefixArguments, .. args]);
        if (code != 0) throw new Theory.InputException($"collapse metrics failed on {f.Features} (exit {code}): {stderr.Trim()}");
        File.WriteAllText(output, stdout);
        using var t = JsonDocument.Parse(File.ReadAllText(timings));
        using var m = JsonDocument.Parse(stdout);
        var root = t.RootElement;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{root.GetProperty("threads").GetInt32()} threads; pass 1 {root.GetProperty("pass1Seconds").GetDouble():0.00} s, prepare {root.GetProperty("prepareSeconds").GetDouble():0.00} s, "
                + $"pass 2 {root.GetProperty("pass2Seconds").GetDouble():0.00} s, geometry {root.GetProperty("assembleSeconds").GetDouble():0.00} s; screening "
                    + $"{root.GetProperty("screening").GetString()}, {root.GetProperty("nccRechecks").GetInt64()} NCC rechecks");
        return new MetricsBenchRun("collapse", root.GetProperty("totalSeconds").GetDouble(), seconds, root.GetProperty("peakMemoryBytes").GetInt64(), detail, Numbers(m.RootElement));
    }

    private static MetricsBenchRun? RunPython(MetricsBenchOptions options, string tool, string script, string[] args, out string why)
    {
        if (!File.Exists(options.Python)) { why = $"skipped ({options.Python} not found)"; return null; }
        var probe = Start(options.Python, ["-c", tool == "pytorch" ? "import torch, numpy" : "import numpy"]);
        if (probe.Code != 0) { why = $"skipped ({options.Python} has no {(tool == "pytorch" ? "torch" : "numpy")})"; return null; }
        var (code, stdout, stderr, seconds) = Start(options.Python, [script, .. args]);
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (code != 0 || line is null)
        {
            why = $"failed (exit {code}): {stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}";
            return null;
        }
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        var detail = tool == "pytorch"
            ? $"torch {r.GetProperty("torch").GetString()}, {r.GetProperty("threads").GetInt32()} threads, batch {r.GetProperty("batch").GetInt32()}, BLAS {r.GetProperty("blas").GetString()}"
            : $"BLAS {r.GetProperty("blas").GetString()}";
        why = "";
        return new MetricsBenchRun(tool, r.GetProperty("seconds").GetDouble(), seconds, r.GetProperty("peakMemoryBytes").GetInt64(), detail, Numbers(r.GetProperty("metrics")));
    }

    private static Dictionary<string, double> Numbers(JsonElement e)
    {
        var d = new Dictionary<string, double>();
        foreach (var p in e.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Number) d[p.Name] = p.Value.GetDouble();
        return d;
    }

    private static (int Code, string Stdout, string Stderr, double Seconds) Start(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        try
        {
            using var p = Process.Start(psi)!;
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, o.Result, e.Result, clock.Elapsed.TotalSeconds);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, "", ex.Message, clock.Elapsed.TotalSeconds);
        }
    }
}
