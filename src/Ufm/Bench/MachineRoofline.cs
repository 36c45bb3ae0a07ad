using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Collapse.Ufm.Bench;

/// <summary>Measured machine ceilings for a roofline: dense matmul GFLOP/s per dtype and a STREAM-like copy bandwidth.</summary>
/// <param name="MatmulGflopsFloat64">Best float64 GFLOP/s of an n×n×n TorchSharp matmul (2n³ flops).</param>
/// <param name="MatmulGflopsFloat32">Best float32 GFLOP/s of the same.</param>
/// <param name="CopyGBytesPerSecond">Best STREAM "copy" bandwidth, counting bytes read plus bytes written, on arrays far larger than the caches.</param>
/// <param name="Threads">TorchSharp intra-op threads used.</param>
public sealed record MachineRoofline(double MatmulGflopsFloat64, double MatmulGflopsFloat32, double CopyGBytesPerSecond, int Threads)
{
    /// <summary>Peak GFLOP/s for a dtype.</summary>
    public double MatmulGflops(ScalarType dtype) => dtype == ScalarType.Float32 ? MatmulGflopsFloat32 : MatmulGflopsFloat64;

    /// <summary>Measures the ceilings (a few seconds): best of <paramref name="repeats"/> timings each.</summary>
    public static MachineRoofline Measure(int matmulSize = 1024, long copyBytes = 256L << 20, int repeats = 5)
    {
        return new MachineRoofline(Matmul(ScalarType.Float64, matmulSize, repeats), Matmul(ScalarType.Float32, matmulSize, repeats),
            Copy(copyBytes, repeats), get_num_threads());
    }

    private static double Matmul(ScalarType dtype, int n, int repeats)
    {
        using var scope = NewDisposeScope();
        var a = randn(new long[] { n, n }, dtype);
        var b = randn(new long[] { n, n }, dtype);
        a.matmul(b).Dispose(); // warm-up
        var best = double.PositiveInfinity;
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * (double)n / best / 1e9;
    }

    private static double Copy(long bytes, int repeats)
    {
        using var scope = NewDisposeScope();
        var count = bytes / 8;
        var src = ones(new long[] { count }, ScalarType.Float64);
        var dst = zeros(new long[] { count }, ScalarType.Float64);
        dst.copy_(src);
        var best = double.PositiveInfinity;
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            dst.copy_(src);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * bytes / best / 1e9;
    }
}
