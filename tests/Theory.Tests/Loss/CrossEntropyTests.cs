using Collapse.Theory.Loss;
using Collapse.Theory.Numerics;
using Xunit;

namespace Collapse.Theory.Tests.Loss;

public class CrossEntropyTests
{
    [Fact]
    public void MatchesNaiveFormulaForModerateLogits()
    {
        double[] z = { 0.3, -1.2, 2.0, 0.5 };
        double naive = Math.Log(z.Sum(Math.Exp)) - z[2];
        Assert.Equal(naive, CrossEntropy.Sample(z, 2), 14);
        Assert.Equal(Math.Log(naive), CrossEntropy.LogSample(z, 2), 13);
    }

    [Fact]
    public void StaysPositiveAndAccurateWhenMarginsPass36()
    {
        // margin 50: naive logsumexp(z) − z_y rounds to exactly 0; the true loss is ≈ 2·e^{−50}.
        double[] z = { 50, 0, 0 };
        double l = CrossEntropy.Sample(z, 0);
        Assert.Equal(2 * Math.Exp(-50), l, 1e-35);
        Assert.True(l > 0);
    }

    [Fact]
    public void LogLossIsFiniteWhenTheLossUnderflows()
    {
        // margin 1000: ℓ = 2e^{−1000} underflows; log ℓ = log 2 − 1000.
        double[] z = { 1000, 0, 0 };
        Assert.Equal(0.0, CrossEntropy.Sample(z, 0));
        Assert.Equal(Math.Log(2) - 1000, CrossEntropy.LogSample(z, 0), 10);
    }

    [Fact]
    public void Log1PIsAccurateForTinyArguments()
    {
        Assert.Equal(1e-17, LogSumExp.Log1P(1e-17));
        Assert.Equal(1e-10 - 0.5e-20, LogSumExp.Log1P(1e-10), 1e-30);
    }

    [Fact]
    public void StreamingLogSumExpEqualsDirect()
    {
        var xs = new[] { -1000.0, -999.5, -1001.2, -998.0 };
        var acc = new LogSumExpAccumulator();
        foreach (var x in xs) acc.Add(x);
        Assert.Equal(LogSumExp.Of(xs), acc.Value, 12);
    }
}
