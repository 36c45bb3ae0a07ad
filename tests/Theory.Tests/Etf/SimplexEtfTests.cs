using Collapse.Theory;
using Collapse.Theory.Etf;
using Xunit;

namespace Collapse.Theory.Tests.Etf;

public class SimplexEtfTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(10, 9)]
    [InlineData(10, 12)]
    [InlineData(4, 50)]
    public void StandardAndRandomEtfsHaveTheExactGram(int k, int d)
    {
        foreach (var m in new[] { SimplexEtf.Standard(k, d), SimplexEtf.Random(k, d, 11) })
        {
            var diag = EtfDiagnostic.Of(m);
            Assert.True(diag.GramError < 1e-12, $"gram error {diag.GramError}");
            Assert.Equal(-1.0 / (k - 1), diag.MinCosine, 12);
            Assert.Equal(-1.0 / (k - 1), diag.MaxCosine, 12);
            Assert.True(diag.ColumnSumNorm < 1e-12);
            for (int i = 0; i < k - 1; i++) Assert.Equal(Math.Sqrt(k / (k - 1.0)), diag.SingularValues[i], 12);
        }
    }

    [Fact]
    public void TooManyClassesForTheDimensionIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => SimplexEtf.Standard(10, 5));
        Assert.Contains("K−1", ex.Message);
    }

    [Fact]
    public void RandomEtfIsDeterministicInItsSeed()
    {
        Assert.Equal(SimplexEtf.Random(4, 6, 5).ToArray(), SimplexEtf.Random(4, 6, 5).ToArray());
        Assert.NotEqual(SimplexEtf.Random(4, 6, 5).ToArray(), SimplexEtf.Random(4, 6, 6).ToArray());
    }

    [Fact]
    public void AllPermutationsEnumeratesNFactorialDistinctOrders()
    {
        var all = Permutations.All(4).Select(p => string.Join(",", p)).ToList();
        Assert.Equal(24, all.Count);
        Assert.Equal(24, all.Distinct().Count());
    }
}
