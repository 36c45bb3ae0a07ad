using System.Runtime.Intrinsics;
using Collapse.Theory.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Theory.Tests.Numerics;

public class DenseKernelTests(ITestOutputHelper log)
{
    private static double Ulps(double a, double b) => a == b ? 0 : Math.Abs(a - b) / (Math.BitIncrement(Math.Max(Math.Abs(a), Math.Abs(b))) - Math.Max(Math.Abs(a), Math.Abs(b)));

    [Fact]
    public void FastExpIsWithinTwoUlpOfMathExpAndMatchesItsSpecialCases()
    {
        var rng = new Random(3);
        double worst = 0;
        var x = new double[8];
        for (var i = 0; i < 1_250_000; i++)
        {
            for (var l = 0; l < 8; l++) x[l] = -708 + rng.NextDouble() * 1417;
            var e = FastExp.Exp(Vector512.Create(x));
            for (var l = 0; l < 8; l++) worst = Math.Max(worst, Ulps(e[l], Math.Exp(x[l])));
        }
        log.WriteLine($"max ulp distance over 10^7 points of [-708, 709]: {worst}");
        Assert.True(worst <= 2, $"max {worst} ulp");
        var special = Vector512.Create(double.NegativeInfinity, double.PositiveInfinity, double.NaN, -800, 800, 0, -745.2, 709.7);
        var r = FastExp.Exp(special);
        for (var l = 0; l < 8; l++) Assert.Equal(Math.Exp(special[l]), r[l]);
        var t = FastExp.ExpOfNonPositiveTerm(Vector512.Create(double.NegativeInfinity, -709, -708, -1, 0, -1e-300, -30, -707.9));
        Assert.Equal(0, t[0]);
        Assert.Equal(0, t[1]);
        Assert.Equal(1.0, t[4]);
        Assert.True(Ulps(t[2], Math.Exp(-708)) <= 2 && Ulps(t[3], Math.Exp(-1)) <= 2 && Ulps(t[7], Math.Exp(-707.9)) <= 2);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 5)]
    [InlineData(8, 16, 16)]
    [InlineData(19, 37, 41)]
    [InlineData(64, 200, 33)]
    public void BlockedProductEqualsOneFusedChainPerEntryForAnyBlocking(int m, int d, int n)
    {
        var rng = new Random(m * 1000 + d * 10 + n);
        var a = new double[m * d];
        var b = new double[n * d];
        for (var i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        for (var i = 0; i < b.Length; i++) b[i] = rng.NextDouble() - 0.5;
        var panels = DensePanels<double>.Pack<double>(b, n, d);
        var c = new double[m * panels.PaddedRows];
        DenseGemm.MultiplyTransposed<double, DoubleOps>(a, m, panels, c);
        for (var i = 0; i < m; i++)
            for (var k = 0; k < panels.PaddedRows; k++)
            {
                double chain = 0;
                if (k < n)
                    for (var j = 0; j < d; j++) chain = Math.FusedMultiplyAdd(a[i * d + j], b[k * d + j], chain);
                Assert.Equal(chain, c[i * panels.PaddedRows + k]); // bit for bit: the documented rounding
            }
        // Row by row gives the same bits as the 8-row kernel.
        var one = new double[panels.PaddedRows];
        for (var i = 0; i < m; i++)
        {
            DenseGemm.MultiplyTransposed<double, DoubleOps>(a.AsSpan(i * d, d), 1, d, panels, one, panels.PaddedRows);
            Assert.True(one.AsSpan().SequenceEqual(c.AsSpan(i * panels.PaddedRows, panels.PaddedRows)));
        }
        var f = a.Select(v => (float)v).ToArray();
        var p32 = DensePanels<float>.Pack<double>(b, n, d);
        var c32 = new float[m * p32.PaddedRows];
        DenseGemm.MultiplyTransposed<float, SingleOps>(f, m, p32, c32);
        for (var i = 0; i < m; i++)
            for (var k = 0; k < n; k++)
            {
                float chain = 0;
                for (var j = 0; j < d; j++) chain = MathF.FusedMultiplyAdd(f[i * d + j], (float)b[k * d + j], chain);
                Assert.Equal(chain, c32[i * p32.PaddedRows + k]);
            }
    }
}
