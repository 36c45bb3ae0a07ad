using TorchSharp;
using Xunit;

namespace Collapse.Native.Tests;

/// <summary>Proves that TorchSharp's native libraries load from the build output folder and a tensor op runs.</summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void NativesLoadFromOutputFolderAndMatmulRuns()
    {
        var outDir = AppContext.BaseDirectory;
        Assert.True(File.Exists(Path.Combine(outDir, "libLibTorchSharp.so")),
            $"libLibTorchSharp.so missing from {outDir}");
        using var a = torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, dtype: torch.float64);
        using var b = torch.tensor(new double[] { 5, 6, 7, 8 }, new long[] { 2, 2 }, dtype: torch.float64);
        using var c = torch.matmul(a, b);
        var v = c.data<double>().ToArray();
        Assert.Equal(new double[] { 19, 22, 43, 50 }, v);
    }
}
