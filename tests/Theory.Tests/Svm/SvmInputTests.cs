using Collapse.Theory.Svm;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

public class SvmInputTests
{
    public static TheoryData<string, double[], int[], int> NonSeparable() => new()
    {
        // The same point in two classes.
        { "duplicate point", [1, 2, 1, 2, -1, 0.5], [0, 1, 1], 2 },
        // h and 2h in different classes: (w_0 − w_1)·h ≥ 1 and 2 (w_1 − w_0)·h ≥ 1 contradict; a bias would help.
        { "needs a bias", [1, 2], [0, 1], 2 },
        // Three heavily overlapping clusters in the plane.
        { "overlapping clusters", Overlapping().Features, Overlapping().Labels, 3 },
    };

    private static (double[] Features, int[] Labels) Overlapping() => SvmTestData.Clusters(3, 2, 30, seed: 1, spread: 0.2);

    [Theory]
    [MemberData(nameof(NonSeparable))]
    public void NonSeparableDataIsRefusedByEveryMethod(string name, double[] features, int[] labels, int k)
    {
        Assert.False(SvmSeparability.IsSeparable(features, labels, k), name);
        foreach (var method in new[] { SvmMethod.ActiveSet, SvmMethod.Pdlp })
        {
            var ex = Assert.Throws<InputException>(() => MulticlassSvm.Solve(features, labels, k, new SvmOptions { Method = method }));
            Assert.Contains("not linearly separable", ex.Message);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void SeparableDataIsRecognisedAsSuch()
    {
        var (features, labels) = SvmTestData.Clusters(5, 12, 25, seed: 1);
        Assert.True(SvmSeparability.IsSeparable(features, labels, 5));
    }

    [Fact]
    public void FewerThanTwoClassesIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => MulticlassSvm.Solve([1.0, 2.0], [0], 1));
        Assert.Contains("at least 2 classes", ex.Message);
    }

    [Fact]
    public void AnEmptyClassIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => MulticlassSvm.Solve([1.0, 0, 0, 1, 2, 2], [0, 2, 0], 3));
        Assert.Contains("class 1 has no samples", ex.Message);
    }

    [Theory]
    [InlineData(new[] { 1.0, 0, 0, 1 }, new[] { 0, 5 }, "outside 0..1")]
    [InlineData(new[] { 1.0, 0, double.NaN, 1 }, new[] { 0, 1 }, "non-finite")]
    [InlineData(new[] { 1.0, 0, 0 }, new[] { 0, 1 }, "do not form 2 rows")]
    public void MalformedInputIsAnInputError(double[] features, int[] labels, string expected)
    {
        var ex = Assert.Throws<InputException>(() => MulticlassSvm.Solve(features, labels, 2));
        Assert.Contains(expected, ex.Message);
    }

    /// <summary>Two classes mirrored across a plane through the origin at distance ~δ: relative margin ~δ.</summary>
    private static (double[] Features, int[] Labels) ThinSlab(double delta)
    {
        var rng = new Random(1);
        const int n = 40, d = 3;
        var features = new double[n * d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            features[i * d] = 1 + rng.NextDouble();
            features[i * d + 1] = (labels[i] == 1 ? 1 : -1) * delta * (1 + rng.NextDouble());
            features[i * d + 2] = rng.NextDouble() - 0.5;
        }
        return (features, labels);
    }

    [Theory]
    [InlineData(SvmMethod.ActiveSet)]
    [InlineData(SvmMethod.Pdlp)]
    public void ARelativeMarginOf1e5IsStillCertified(SvmMethod method)
    {
        // PDLP does not converge on this one; a short time limit makes the test exercise the fallback quickly.
        var (features, labels) = ThinSlab(1e-5);
        var options = new SvmOptions { Method = method, PdlpTimeLimitSeconds = 2 };
        var cert = MulticlassSvm.Solve(features, labels, 2, options).Certificate;
        Assert.True(cert.IsCertified(), cert.ToString());
        Assert.InRange(cert.Margin, 1e-5, 2e-5);
    }

    [Theory]
    [InlineData(SvmMethod.ActiveSet)]
    [InlineData(SvmMethod.Pdlp)]
    public void AMarginBelowFloat64ResolutionIsRefused(SvmMethod method)
    {
        var (features, labels) = ThinSlab(1e-9);
        Assert.True(SvmSeparability.IsSeparable(features, labels, 2));
        var options = new SvmOptions { Method = method, PdlpTimeLimitSeconds = 2 };
        var ex = Assert.Throws<InputException>(() => MulticlassSvm.Solve(features, labels, 2, options));
        Assert.Contains("margin is too small", ex.Message);
    }
}
