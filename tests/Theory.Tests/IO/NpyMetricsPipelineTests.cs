using Collapse.Theory.IO;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.IO;

public class NpyMetricsPipelineTests
{
    private const int N = 157, D = 6, K = 4;

    private static (double[] H, int[] Y, double[] W, double[] B) Data(int seed)
    {
        var rng = new Random(seed);
        var means = new double[K * D];
        for (var i = 0; i < means.Length; i++) means[i] = 4 * (rng.NextDouble() - 0.5);
        var y = new int[N];
        var h = new double[N * D];
        for (var i = 0; i < N; i++)
        {
            y[i] = (i * 7) % K;
            for (var j = 0; j < D; j++) h[(i * D) + j] = means[(y[i] * D) + j] + (rng.NextDouble() - 0.5);
        }
        var w = new double[K * D];
        for (var i = 0; i < w.Length; i++) w[i] = means[i] + (0.1 * (rng.NextDouble() - 0.5));
        var b = new double[K];
        for (var i = 0; i < K; i++) b[i] = rng.NextDouble() - 0.5;
        return (h, y, w, b);
    }

    private static void AssertClose(MetricReport expected, MetricReport actual)
    {
        var e = expected.ToKeyValues();
        var a = actual.ToKeyValues();
        Assert.Equal(e.Select(p => p.Key), a.Select(p => p.Key));
        for (var i = 0; i < e.Count; i++)
            Assert.True(Math.Abs(e[i].Value - a[i].Value) <= 1e-10 * Math.Max(1, Math.Abs(e[i].Value)),
                $"{e[i].Key}: in-memory {e[i].Value:R}, streamed {a[i].Value:R}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(1000)]
    public void StreamedMetricsEqualTheInMemoryReportForAnyChunkSize(int chunkRows)
    {
        using var dir = new TempDir();
        var (h, y, w, b) = Data(3);
        NpyWriter.WriteMatrix(dir.File("h.npy"), h, N, D);
        NpyWriter.WriteLabels(dir.File("y.npy"), y, NpyDType.Int64);
        NpyWriter.WriteMatrix(dir.File("w.npy"), w, K, D);
        NpyWriter.WriteVector(dir.File("b.npy"), b);
        var classifier = new Classifier(Matrix<double>.Build.Dense(D, K, w).Transpose(), Vector<double>.Build.DenseOfArray(b));
        var expected = NcMetrics.Compute(h, y, K, D, classifier);

        var actual = NpyMetricsPipeline.Compute(new NpyMetricsInputs(dir.File("h.npy"), dir.File("y.npy"), dir.File("w.npy"), dir.File("b.npy"), ChunkRows: chunkRows));
        AssertClose(expected, actual);
        Assert.NotNull(actual.Ce);
    }

    [Fact]
    public void WithoutAClassifierOnlyFeatureMetricsAreReported()
    {
        using var dir = new TempDir();
        var (h, y, _, _) = Data(5);
        NpyWriter.WriteMatrix(dir.File("h.npy"), h, N, D, NpyDType.Float32);
        NpyWriter.WriteLabels(dir.File("y.npy"), y, NpyDType.UInt8);
        var report = NpyMetricsPipeline.Compute(new NpyMetricsInputs(dir.File("h.npy"), dir.File("y.npy")));
        var keys = report.ToKeyValues().Select(p => p.Key).ToArray();
        Assert.Contains("nc1", keys);
        Assert.DoesNotContain("nc3", keys);
        Assert.DoesNotContain("ce", keys);
        Assert.DoesNotContain("minMargin", keys);
        Assert.Equal(N, report.Samples);
        Assert.Equal(K, report.Classes);
    }

    [Fact]
    public void NanFoundInALaterChunkIsNamedByItsAbsoluteRow()
    {
        using var dir = new TempDir();
        var (h, y, _, _) = Data(7);
        h[(100 * D) + 4] = double.NaN;
        NpyWriter.WriteMatrix(dir.File("h.npy"), h, N, D);
        NpyWriter.WriteLabels(dir.File("y.npy"), y);
        var ex = Assert.Throws<InputException>(() => NpyMetricsPipeline.Compute(new NpyMetricsInputs(dir.File("h.npy"), dir.File("y.npy"), ChunkRows: 16)));
        Assert.Equal($"{dir.File("h.npy")}: NaN at row 100, column 4; all values must be finite", ex.Message);
    }
}
