using System.Runtime.InteropServices;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// Process-wide native settings applied before the first TorchSharp convolution.
/// </summary>
/// <remarks>
/// Measured on the project's AMD EPYC (AVX-512) machines with libtorch 2.x from TorchSharp-cpu 0.107: oneDNN's
/// AVX-512 convolution kernels returned run-to-run different, sometimes NaN, input gradients for small channel counts
/// (a 4-channel 3×3 conv → ReLU → conv stack: 1 NaN and 3 distinct values in 5 identical backward passes), which
/// made ResNet training diverge at random. Capping oneDNN at AVX2 (<c>DNNL_MAX_CPU_ISA=AVX2</c>) made every backward
/// pass bit-identical. (That fault did not reproduce on the current VM: 0 NaN and 1 distinct value in 1 200 passes of
/// bench/deep/conv-repeat.cs, capped or not; the cap is kept, it costs nothing measurable. The rare faults that remained
/// were a TorchSharp Scalar finalizer race, see <see cref="KeptScalars"/>.) The cap is set here unless the user already
/// set the variable. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on Unix, so libc's
/// <c>setenv</c> is called directly.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The oneDNN ISA cap applied when the user has not chosen one.</summary>
    public const string DefaultOneDnnIsa = "AVX2";

    private static readonly Lazy<string?> Applied = new(Apply);

    /// <summary>The oneDNN ISA cap in force (null when none could be set).</summary>
    public static string? OneDnnIsa => Applied.Value;

    /// <summary>Applies the settings once; call before building or running any network.</summary>
    public static void EnsureConfigured() => _ = Applied.Value;

    private static string? Apply()
    {
        var existing = Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") ?? Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA");
        if (!string.IsNullOrEmpty(existing)) return existing;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        try
        {
            setenv("DNNL_MAX_CPU_ISA", DefaultOneDnnIsa, 0);
            Environment.SetEnvironmentVariable("DNNL_MAX_CPU_ISA", DefaultOneDnnIsa);
            return DefaultOneDnnIsa;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
