using Collapse.Theory.Bounds;
using Collapse.Theory.Claims;
using Collapse.Theory.Metrics;
using Xunit;

namespace Collapse.Theory.Tests.Bounds;

public class CdnvNccBoundTests
{
    [Fact]
    public void BoundIsFourTimesKMinusOneTimesTheCdnv()
    {
        Assert.Equal(4 * 4 * 0.01, CdnvNccBound.Bound(5, 0.01), 15);
        Assert.Throws<InputException>(() => CdnvNccBound.Bound(1, 0.1));
    }

    [Fact]
    public void TwoPointClassesNearlyAttainTheBound()
    {
        // K = 2 in R¹, means ±1 (gap D = 2), n = 10 per class: one point per class pushed 1.01·D/2 towards the other
        // class, the rest shifted back so that the class mean stays put. Error 1/10; bound q(1+ε)²/(1−q) = 0.1·1.0201/0.9.
        const int n = 10;
        var x = new double[2 * n];
        var y = new int[2 * n];
        for (var c = 0; c < 2; c++)
        {
            var mean = c == 0 ? -1.0 : 1.0;
            var towards = -mean;
            for (var i = 0; i < n; i++)
            {
                y[c * n + i] = c;
                x[c * n + i] = mean + towards * (i == 0 ? 1.01 : -1.01 / (n - 1));
            }
        }
        var report = NcMetrics.Compute(x, y, 2, 1);
        Assert.Equal(0.9, report.NccAccuracy, 12);
        var bound = CdnvNccBound.Bound(2, report.Cdnv);
        Assert.Equal(0.1 * 1.01 * 1.01 / 0.9, bound, 12);
        Assert.True(0.1 <= bound && 0.1 / bound > 0.88, $"error 0.1 vs bound {bound}");
        Assert.True(CdnvNccBound.Bound(2, report.Cdnv, 1, 1) < 0.1); // the false constant 1 is violated here
    }

    [Fact]
    public void ClaimReportsInformativeFractionAndMedianTightness()
    {
        var r = new Collapse.Theory.Claims.Metrics.CdnvNccBoundClaim().Check(new ClaimContext(new Dictionary<string, string>(), 40, 2));
        Assert.True(r.Holds, r.Detail);
        Assert.NotNull(r.Cases);
        Assert.Equal(40, r.Cases!.Checked);
        var informative = r.Cases.Informative ?? 0;
        Assert.True(r.Cases.MedianTightness is > 0 and <= 1, $"median tightness {r.Cases.MedianTightness}");
        Assert.True(informative >= 20, r.Detail);
    }
}
