using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;
using Xunit;

namespace Collapse.Theory.Tests.Metrics;

public class HeldOutCollapseTests
{
    private static (double[] X, int[] Y) Sample(int seed, double spread, int n = 30)
    {
        var rng = new Random(seed);
        const int k = 3, d = 4;
        var x = new double[k * n * d];
        var y = new int[k * n];
        for (var c = 0; c < k; c++)
            for (var i = 0; i < n; i++)
            {
                y[c * n + i] = c;
                for (var j = 0; j < d; j++) x[(c * n + i) * d + j] = (j == c ? 5.0 : 0.0) + spread * (rng.NextDouble() - 0.5);
            }
        return (x, y);
    }

    [Fact]
    public void AgainstItsOwnMeansItIsTheCanonicalMetric()
    {
        var (x, y) = Sample(1, 1.0);
        var own = ClassStatisticsAccumulator.Of(x, y, 3, 4);
        var held = HeldOutCollapse.Compute(own, x, y);
        var report = NcMetrics.Compute(x, y, 3, 4);
        Assert.Equal(report.Nc1!.Value, held.Nc1, 12);
        Assert.Equal(report.Nc1TraceRatio, held.Nc1TraceRatio, 12);
        Assert.Equal(report.Cdnv, held.Cdnv, 12);
        Assert.Equal(report.NccAccuracy, held.NccAccuracy, 12);
    }

    [Fact]
    public void HeldOutFeaturesAboutTrainMeansIncludeTheMeanShift()
    {
        // Test features = train features shifted by δ: their spread about the TRAIN means adds ‖δ‖² per sample.
        var (x, y) = Sample(2, 0.5);
        var train = ClassStatisticsAccumulator.Of(x, y, 3, 4);
        var shifted = x.Select((v, i) => v + (i % 4 == 3 ? 0.3 : 0.0)).ToArray();
        var held = HeldOutCollapse.About(train, shifted, y);
        Assert.Equal(train.TraceSigmaW + 0.09, held.TraceSigmaW, 12);
        Assert.True(HeldOutCollapse.Compute(train, shifted, y).Cdnv > NcMetrics.Compute(x, y, 3, 4).Cdnv);
    }

    [Fact]
    public void BadHeldOutInputIsAnInputError()
    {
        var (x, y) = Sample(3, 1.0);
        var train = ClassStatisticsAccumulator.Of(x, y, 3, 4);
        Assert.Throws<InputException>(() => HeldOutCollapse.Compute(train, x.AsSpan(0, 8), y.AsSpan(0, 3)));
        var bad = (int[])y.Clone();
        bad[0] = 7;
        Assert.Throws<InputException>(() => HeldOutCollapse.Compute(train, x, bad));
        var nan = (double[])x.Clone();
        nan[5] = double.NaN;
        Assert.Throws<InputException>(() => HeldOutCollapse.Compute(train, nan, y));
    }
}
