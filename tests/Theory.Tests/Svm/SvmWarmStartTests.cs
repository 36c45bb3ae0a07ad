using Collapse.Theory.Svm;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

public class SvmWarmStartTests
{
    private static List<int> Support(SvmSolution s)
    {
        var list = new List<int>();
        for (var a = 0; a < s.Lambda.Length; a++) if (s.Lambda[a] > 0) list.Add(a);
        return list;
    }

    [Fact]
    public void WarmStartFromANearbyProblemsSupportGivesTheSameCertifiedSvm()
    {
        var (features, labels) = SvmTestData.Clusters(5, 12, 25, seed: 1);
        var cold = MulticlassSvm.Solve(features, labels, 5);
        // A nearby problem: the same samples moved a little (as features move between training epochs).
        var rng = new Random(7);
        var moved = features.Select(v => v + 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        var movedCold = MulticlassSvm.Solve(moved, labels, 5);
        var movedWarm = MulticlassSvm.Solve(moved, labels, 5, new SvmOptions { WarmStart = Support(cold) });
        Assert.True(movedWarm.Certificate.IsCertified());
        Assert.True(SvmTestData.RelativeDifference(movedWarm.W, movedCold.W) < 1e-9);
        Assert.True(movedWarm.Iterations < movedCold.Iterations, $"warm {movedWarm.Iterations} vs cold {movedCold.Iterations} active-set changes");
    }

    [Fact]
    public void WarmStartFromItsOwnSupportIsCertifiedAndAgrees()
    {
        var (features, labels) = SvmTestData.Clusters(4, 6, 20, seed: 3);
        var cold = MulticlassSvm.Solve(features, labels, 4);
        var warm = MulticlassSvm.Solve(features, labels, 4, new SvmOptions { WarmStart = Support(cold) });
        Assert.True(warm.Certificate.IsCertified());
        Assert.True(SvmTestData.RelativeDifference(warm.W, cold.W) < 1e-9);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4 * 80)]
    [InlineData(0)] // sample 0 has label 0: slot 0·K + 0 is not a constraint
    public void AWarmStartSlotThatIsNoConstraintIsRefused(int slot)
    {
        var (features, labels) = SvmTestData.Clusters(4, 6, 20, seed: 3);
        var ex = Assert.Throws<ArgumentException>(() => MulticlassSvm.Solve(features, labels, 4, new SvmOptions { WarmStart = [slot] }));
        Assert.Contains($"warm-start slot {slot}", ex.Message);
    }
}
