using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Collapse.Theory.Etf;
using Collapse.Theory.IO;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;
using TorchSharp;

namespace Collapse.Ufm.Bench;

/// <summary>Options of <see cref="UfmBenchmark.Run"/>.</summary>
public sealed record UfmBenchOptions
{
    /// <summary>K.</summary>
    public int Classes { get; init; } = 10;
    /// <summary>d.</summary>
    public int Dim { get; init; } = 512;
    /// <summary>n per class (N = K·n).</summary>
    public int PerClass { get; init; } = 500;
    /// <summary>Timed steps per dtype (after warm-up).</summary>
    public int Steps { get; init; } = 100;
    /// <summary>Untimed warm-up steps per dtype.</summary>
    public int Warmup { get; init; } = 10;
    /// <summary>Reference script (straightforward PyTorch autograd step); null = do not run it.</summary>
    public string? ReferenceScript { get; init; }
    /// <summary>Size n of the n×n×n matmul that measures the peak GFLOP/s.</summary>
    public int RooflineMatmulSize { get; init; } = 1024;
    /// <summary>Bytes of each array of the STREAM-like copy (far above the cache sizes).</summary>
    public long RooflineCopyBytes { get; init; } = 256L << 20;
    /// <summary>TorchSharp intra-op threads (0 = leave TorchSharp's default, the number of cores).</summary>
    public int Threads { get; init; }
    /// <summary>Python interpreter for the reference script.</summary>
    public string Python { get; init; } = "/usr/bin/python3";
}

/// <summary>Timing of one dtype.</summary>
/// <param name="StepsPerSecond">Joint CE GD steps per second (1/median step time).</param>
/// <param name="Gflops">Achieved GFLOP/s (6·K·d·N flops per step: the three GEMMs).</param>
/// <param name="GbPerSecond">Achieved GB/s of compulsory traffic (H read and written once, W, G: see docs/ufm.md).</param>
/// <param name="RooflineFraction">t_roofline / t_step with t_roofline = max(flops/peak GFLOP/s, bytes/copy GB/s).</param>
/// <param name="FlopsPerStep">Flops per step.</param>
/// <param name="BytesPerStep">Compulsory bytes per step.</param>
/// <param name="ReferenceStepsPerSecond">Steps/s of the PyTorch autograd reference, NaN if it did not run.</param>
/// <param name="SpeedupOverReference">StepsPerSecond / ReferenceStepsPerSecond.</param>
/// <param name="Engine">Engine timed (the one <c>--engine auto</c> picks on the CPU).</param>
/// <param name="TorchStepsPerSecond">Steps/s of the TorchSharp GEMM engine on the same problem, for comparison.</param>
public sealed record UfmBenchTiming(double StepsPerSecond, double Gflops, double GbPerSecond, double RooflineFraction,
    double FlopsPerStep, double BytesPerStep, double ReferenceStepsPerSecond, double SpeedupOverReference,
    string Engine = "", double TorchStepsPerSecond = double.NaN);

/// <summary>Result of <see cref="UfmBenchmark.Run"/>.</summary>
/// <param name="Options">What ran.</param>
/// <param name="Machine">Measured ceilings.</param>
/// <param name="Float64">float64 timing.</param>
/// <param name="Float32">float32 timing.</param>
/// <param name="ReferenceNote">How the reference ran, or why it did not.</param>
/// <param name="LoadAverage">1-minute load average before and after the run (/proc/loadavg; NaN elsewhere): the CPU may be shared.</param>
public sealed record UfmBenchReport(UfmBenchOptions Options, MachineRoofline Machine, UfmBenchTiming Float64, UfmBenchTiming Float32,
    string ReferenceNote, (double Before, double After) LoadAverage);

/// <summary>
/// <c>collapse bench ufm</c>: per-step speed of the CPU engine (the fused managed kernel; the TorchSharp GEMM engine is
/// timed alongside) on the joint CE UFM (default K=10, d=512, n=500,
/// CPU) for float64 and float32, against a measured roofline and a straightforward PyTorch autograd step
/// (bench/ufm_torch_ref.py).
/// </summary>
public static class UfmBenchmark
{
    /// <summary>Measures the machine, times both dtypes and (when configured and available) the reference.</summary>
    public static UfmBenchReport Run(UfmBenchOptions options)
    {
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        var loadBefore = LoadAverage.OneMinute();
        var machine = MachineRoofline.Measure(options.RooflineMatmulSize, options.RooflineCopyBytes);
        var f64 = Time(options, UfmPrecision.Float64, machine, UfmEngineKind.Managed) with
        {
            TorchStepsPerSecond = Time(options, UfmPrecision.Float64, machine, UfmEngineKind.Torch).StepsPerSecond,
        };
        var f32 = Time(options, UfmPrecision.Float32, machine, UfmEngineKind.Managed) with
        {
            TorchStepsPerSecond = Time(options, UfmPrecision.Float32, machine, UfmEngineKind.Torch).StepsPerSecond,
        };
        var (ref64, ref32, note) = Reference(options);
        return new UfmBenchReport(options, machine, f64 with { ReferenceStepsPerSecond = ref64, SpeedupOverReference = f64.StepsPerSecond / ref64 },
            f32 with { ReferenceStepsPerSecond = ref32, SpeedupOverReference = f32.StepsPerSecond / ref32 }, note, (loadBefore, LoadAverage.OneMinute()));
    }

    private static UfmBenchTiming Time(UfmBenchOptions o, UfmPrecision precision, MachineRoofline machine, UfmEngineKind kind)
    {
        int k = o.Classes, d = o.Dim, n = k * o.PerClass;
        var rng = new Random(1);
        double[] Gauss(int count, double s) { var a = new double[count]; for (var i = 0; i < count; i++) a[i] = s * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng); return a; }
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = i / o.PerClass;
        var setup = new EngineSetup(k, d, labels, Gauss(k * d, 0.1), Gauss(n * d, 0.1), null, UfmLoss.CrossEntropy, true, true, 0, 0, 0, 0, precision, "cpu",
            o.Threads > 0 ? o.Threads : torch.get_num_threads());
        using var engine = Simulation.UfmSimulator.CreateEngine(kind, setup);
        const double eta = 1.0;
        for (var t = 0; t < o.Warmup; t++) engine.Step(_ => eta, false);
        var times = new double[o.Steps];
        for (var t = 0; t < o.Steps; t++)
        {
            var sw = Stopwatch.StartNew();
            engine.Step(_ => eta, false);
            times[t] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        var seconds = times[o.Steps / 2]; // median step: robust to other processes on a shared CPU
        double size = precision == UfmPrecision.Float32 ? 4 : 8;
        var flops = 6.0 * k * d * n;
        var bytes = size * (2.0 * n * d + 2.0 * k * d + 2.0 * n * k);
        var dtype = precision == UfmPrecision.Float32 ? torch.ScalarType.Float32 : torch.ScalarType.Float64;
        var bound = Math.Max(flops / (machine.MatmulGflops(dtype) * 1e9), bytes / (machine.CopyGBytesPerSecond * 1e9));
        return new UfmBenchTiming(1.0 / seconds, flops / seconds / 1e9, bytes / seconds / 1e9, bound / seconds, flops, bytes, double.NaN, double.NaN, engine.Name);
    }

    private static (double F64, double F32, string Note) Reference(UfmBenchOptions o)
    {
        if (o.ReferenceScript is null) return (double.NaN, double.NaN, "reference not requested");
        if (!File.Exists(o.ReferenceScript)) return (double.NaN, double.NaN, $"reference script {o.ReferenceScript} not found");
        if (!File.Exists(o.Python)) return (double.NaN, double.NaN, $"{o.Python} not found");
        var psi = new ProcessStartInfo(o.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { o.ReferenceScript, "--classes", I(o.Classes), "--dim", I(o.Dim), "--per-class", I(o.PerClass),
                     "--steps", I(o.Steps), "--warmup", I(o.Warmup), "--threads", I(torch.get_num_threads()) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            return (double.NaN, double.NaN, $"reference did not run (exit {p.ExitCode}: {line.Trim()})");
        }
        var json = JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("float64").GetProperty("stepsPerSecond").GetDouble(),
            json.GetProperty("float32").GetProperty("stepsPerSecond").GetDouble(),
            $"PyTorch {json.GetProperty("torch").GetString()} autograd, {json.GetProperty("threads").GetInt32()} threads, {o.Python} {o.ReferenceScript}");
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
