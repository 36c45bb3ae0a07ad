using Collapse.Theory.Metrics;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Tests;

/// <summary>
/// The regularized UFM in its collapse-to-zero regime (K·√(n·λ_W·λ_H) ≥ 1) ends at W = H = 0: all class means coincide.
/// Every trajectory row then reports the metrics that stay defined (accuracy, p_min, CE, NCC) and lists each
/// undefined one with its reason.
/// </summary>
public class CollapseToOriginTests
{
    private static readonly UfmConfig ToZero = new()
    {
        Classes = 4,
        Dim = 8,
        PerClass = 5,
        Steps = 3000,
        LambdaW = 1,
        LambdaH = 1,
        Seed = 1,
    };

    [Fact]
    public void TheFinalRowAtTheOriginHasDefinedMarginsAndReasonsForTheGeometry()
    {
        var run = UfmSimulator.Run(ToZero);
        var f = run.Final;
        Assert.Equal(0, f.NormW);
        Assert.Equal(0, f.NormH);
        Assert.Equal(Math.Log(4), f.Loss, 12); // every logit 0: CE = log K
        Assert.Equal(0, f.MinMargin);
        Assert.Equal(0, f.TrainAccuracy); // a zero margin is not a correct decision
        Assert.Equal(0.25, f.NccAccuracy, 12); // ties go to class 0
        Assert.Equal(MetricUndefined.MeansCoincide, f.Undefined["nc1"]);
        Assert.Equal(MetricUndefined.MeansCoincide, f.Undefined["etfGramError"]);
        Assert.Equal(MetricUndefined.ZeroClassifier, f.Undefined["etfGramCosine"]);
        foreach (var (name, get) in TrajectoryRow.Columns)
        {
            if (name.StartsWith("svm", StringComparison.Ordinal)) continue;
            if (!double.IsFinite(get(f))) Assert.True(f.Undefined.ContainsKey(name), $"{name} = {get(f)} without a reason");
        }
    }

    [Fact]
    public void AGenericRowHasNoUndefinedMetric()
    {
        var run = UfmSimulator.Run(ToZero with { LambdaW = 0, LambdaH = 0, Steps = 200 });
        Assert.Empty(run.Final.Undefined);
    }
}
