using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training;
using Xunit;

namespace Collapse.DeepValidation.Tests.Output;

public class EpochTableTests
{
    [Fact]
    public void ColumnsAreCamelCaseConventionKeysWithTrainAndTestPrefixes()
    {
        foreach (var name in new[] { "epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "trainNc1", "trainNc1TraceRatio", "trainNc3", "trainNc4", "testNc1", "trainMinMargin", "trainNormalizedMargin", "trainGammaMin", "trainGammaCv", "svmDistance", "epochSeconds" })
            Assert.Contains(name, EpochTable.Columns);
        Assert.Equal(EpochTable.Columns.Count, EpochTable.Columns.Distinct().Count());
    }

    [Fact]
    public void UnmeasuredEpochsHaveEmptyMetricCellsAndMeasuredOnesMatchTheReport()
    {
        var data = DatasetCatalog.Load("gaussian:k=3,d=4,n=10,test=5");
        var result = DeepTrainer.Train(data, new TrainingOptions { Model = new ModelConfig(ModelKind.Mlp, 8, 1), Epochs = 3, BatchSize = 10, MeasureEvery = 0 });
        var lines = EpochTable.Format(result.Epochs).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var header = lines[0].Split(',');
        var nc1 = Array.IndexOf(header, "trainNc1");
        var gammaMin = Array.IndexOf(header, "trainGammaMin");
        var pmin = Array.IndexOf(header, "trainMinMargin");
        var row2 = lines[2].Split(',');
        var row3 = lines[3].Split(',');
        Assert.Equal(header.Length, row2.Length);
        Assert.Equal("", row2[nc1]);
        Assert.Equal(result.Epochs[2].Train!.Nc1!.Value, double.Parse(row3[nc1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(row3[pmin], row3[gammaMin]); // p_min = min γ_kl
    }

    [Fact]
    public void GammaSummaryIgnoresTheDiagonal()
    {
        var g = new double[,] { { double.NaN, 1, 2 }, { 3, double.NaN, 4 }, { 5, 6, double.NaN } };
        var s = GammaSummary.Of(g);
        Assert.Equal(1, s.Min);
        Assert.Equal(6, s.Max);
        Assert.Equal(3.5, s.Mean, 12);
        Assert.Equal(3.5, s.Median, 12);
    }
}
