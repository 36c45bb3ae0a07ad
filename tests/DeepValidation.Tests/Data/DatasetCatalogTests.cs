using Collapse.DeepValidation.Data;
using Collapse.Theory;
using Xunit;

namespace Collapse.DeepValidation.Tests.Data;

public class DatasetCatalogTests
{
    [Theory]
    [InlineData("mnist-subset")]
    [InlineData("fashion-subset")]
    public void BundledSubsetsAreBalancedRealImages(string name)
    {
        var split = DatasetCatalog.Load(name);
        Assert.Equal(10, split.Classes);
        Assert.All(split.Train.ClassCounts(), c => Assert.Equal(500, c));
        Assert.All(split.Test.ClassCounts(), c => Assert.Equal(100, c));
        Assert.Equal(new[] { 1, 28, 28 }, split.Train.SampleShape);
        // standardised with train statistics: mean ≈ 0, variance ≈ 1 on train
        double s = 0, ss = 0;
        foreach (var v in split.Train.Inputs) { s += v; ss += (double)v * v; }
        var n = split.Train.Inputs.Length;
        Assert.InRange(s / n, -1e-4, 1e-4);
        Assert.InRange(ss / n, 0.999, 1.001);
    }

    [Fact]
    public void PerClassLimitKeepsABalancedPrefix()
    {
        var split = DatasetCatalog.Load("mnist-subset", trainPerClass: 20, testPerClass: 5);
        Assert.All(split.Train.ClassCounts(), c => Assert.Equal(20, c));
        Assert.All(split.Test.ClassCounts(), c => Assert.Equal(5, c));
    }

    [Fact]
    public void GaussianSpecControlsTheTask()
    {
        var split = DatasetCatalog.Load("gaussian:k=4,d=6,n=7,test=3,sep=5,noise=0,seed=2");
        Assert.Equal(4, split.Classes);
        Assert.Equal(28, split.Train.Count);
        Assert.Equal(12, split.Test.Count);
        Assert.Equal(new[] { 6 }, split.Train.SampleShape);
        // noise 0: every sample sits on its class mean, and ETF means are pairwise 5 apart
        var mu = GaussianDataset.Parse("k=4,d=6,sep=5,seed=2", "x").Means();
        for (var a = 0; a < 4; a++)
            for (var b = a + 1; b < 4; b++)
            {
                double dist = 0;
                for (var j = 0; j < 6; j++) dist += Math.Pow(mu[a * 6 + j] - mu[b * 6 + j], 2);
                Assert.Equal(5.0, Math.Sqrt(dist), 10);
            }
        for (var i = 0; i < split.Train.Count; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(mu[split.Train.Labels[i] * 6 + j], split.Train.Inputs[i * 6 + j], 5);
    }

    [Fact]
    public void HeterogeneousGeometryHasUnequalPairDistances()
    {
        var mu = GaussianDataset.Parse("k=5,d=8,geometry=hetero", "x").Means();
        var distances = new List<double>();
        for (var a = 0; a < 5; a++)
            for (var b = a + 1; b < 5; b++)
                distances.Add(Math.Sqrt(Enumerable.Range(0, 8).Sum(j => Math.Pow(mu[a * 8 + j] - mu[b * 8 + j], 2))));
        Assert.True(distances.Max() / distances.Min() > 2, $"distances {string.Join(", ", distances)}");
    }

    [Theory]
    [InlineData("nope", "unknown dataset")]
    [InlineData("idx:", "missing path")]
    [InlineData("idx:/nonexistent/folder", "not found")]
    [InlineData("cifar10:/nonexistent/folder", "CIFAR-10 folder not found")]
    [InlineData("gaussian:k=1", "at least 2 classes")]
    [InlineData("gaussian:k=10,d=3", "need d ≥ k−1")]
    [InlineData("gaussian:foo=1", "unknown key 'foo'")]
    [InlineData("gaussian:k=x", "'x' is not an integer")]
    [InlineData("gaussian:geometry=round", "geometry 'round'")]
    public void BadDatasetSpecsAreInputErrors(string spec, string expected)
    {
        var ex = Assert.Throws<InputException>(() => DatasetCatalog.Load(spec));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void IdxFolderWithAMissingFileNamesIt()
    {
        using var tmp = new TempFolder();
        var ex = Assert.Throws<InputException>(() => DatasetCatalog.Load("idx:" + tmp.Path));
        Assert.Contains("train-images-idx3-ubyte[.gz] not found", ex.Message);
    }

    [Fact]
    public void TooFewSamplesForTheLimitIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => DatasetCatalog.Load("gaussian:k=3,d=4,n=5", trainPerClass: 6));
        Assert.Contains("fewer than the 6 asked for", ex.Message);
    }
}
