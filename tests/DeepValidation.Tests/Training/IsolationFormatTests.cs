using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.DeepValidation.Training.Isolation;
using Xunit;

namespace Collapse.DeepValidation.Tests.Training;

/// <summary>What a child training process and its parent exchange: the data split, the jobs and the results, losslessly.</summary>
public class IsolationFormatTests
{
    private static DataSplit Tiny() => DatasetCatalog.Load("gaussian:k=3,d=5,n=12,test=9,sep=5,seed=2");

    [Fact]
    public void ADataSplitFileRoundTripsBitForBit()
    {
        using var tmp = new TempFolder();
        var data = Tiny();
        DataSplitFile.Write(tmp.File("data.bin"), data);
        var back = DataSplitFile.Read(tmp.File("data.bin"));
        Assert.Equal(data.Name, back.Name);
        foreach (var (a, b) in new[] { (data.Train, back.Train), (data.Test, back.Test) })
        {
            Assert.Equal(a.Inputs, b.Inputs);
            Assert.Equal(a.Labels, b.Labels);
            Assert.Equal(a.SampleShape, b.SampleShape);
            Assert.Equal(a.Classes, b.Classes);
            Assert.Equal(a.Source, b.Source);
        }
    }

    [Fact]
    public void ATruncatedDataSplitFileIsAnInputError()
    {
        using var tmp = new TempFolder();
        DataSplitFile.Write(tmp.File("data.bin"), Tiny());
        var bytes = File.ReadAllBytes(tmp.File("data.bin"));
        File.WriteAllBytes(tmp.File("cut.bin"), bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<Collapse.Theory.InputException>(() => DataSplitFile.Read(tmp.File("cut.bin")));
        Assert.Contains("cut.bin", ex.Message);
    }

    [Fact]
    public void ATrainingResultRoundTripsThroughJsonWithEveryMetricNaNAndTheClassPairMatrix()
    {
        var options = new TrainingOptions
        {
            Model = new ModelConfig(ModelKind.Mlp, 8, 1),
            Epochs = 3,
            BatchSize = 12,
            MeasureEvery = 0,
            Seed = 4,
            FixedClassifier = new FixedClassifier(FixedClassifierKind.Heterogeneous, 7, null, 1.5),
            LearningRateMilestones = [2],
        };
        var result = DeepTrainer.Train(Tiny(), options);
        var json = TrainingJson.Serialize(result);
        var back = TrainingJson.DeserializeResult(json);
        Assert.Equal(json, TrainingJson.Serialize(back));
        Assert.Equal(result.Epochs.Count, back.Epochs.Count);
        Assert.Null(back.Epochs[1].Train); // MeasureEvery = 0 measures the first and last epochs only
        var measured = result.Epochs.Where(e => e.Train is not null).ToList();
        Assert.Equal(measured.Count, back.Epochs.Count(e => e.Train is not null));
        var a = result.LastMeasured;
        var b = back.LastMeasured;
        Assert.Equal(a.Train!.ToKeyValues(), b.Train!.ToKeyValues());
        Assert.Equal(a.Test!.ToKeyValues(), b.Test!.ToKeyValues());
        Assert.True(double.IsNaN(b.Train.Margins!.ClassPair[0, 0]));
        Assert.Equal(a.Train.Margins!.ClassPair, b.Train.Margins.ClassPair);
        Assert.Equal(result.Permutation, back.Permutation);
        Assert.Equal(result.InterpolationEpoch, back.InterpolationEpoch);
        Assert.Equal(result.WallSeconds, back.WallSeconds);
    }

    [Fact]
    public void TrainingJobsRoundTripThroughJson()
    {
        IReadOnlyList<TrainingOptions> jobs =
        [
            new TrainingOptions { Model = new ModelConfig(ModelKind.ResNet, 4, 1, false), EpochsAfterInterpolation = 3, LearningRateMilestones = [5, 9], ExportEpochs = [], Seed = 2 },
            new TrainingOptions { FixedClassifier = new FixedClassifier(FixedClassifierKind.Etf, null, 11, 2.0), Device = "cpu", SvmEvery = 0, MeasureTest = false },
        ];
        var back = TrainingJson.DeserializeJobs(TrainingJson.Serialize(jobs));
        Assert.Equal(2, back.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(jobs[i].Model, back[i].Model);
            Assert.Equal(jobs[i].FixedClassifier, back[i].FixedClassifier);
            Assert.Equal(jobs[i].LearningRateMilestones, back[i].LearningRateMilestones);
            Assert.Equal(jobs[i] with { LearningRateMilestones = [], ExportEpochs = [] }, back[i] with { LearningRateMilestones = [], ExportEpochs = [] });
        }
    }

    [Xunit.Theory]
    [InlineData(139, "SIGSEGV")]
    [InlineData(134, "SIGABRT")]
    [InlineData(137, "SIGKILL")]
    [InlineData(135, "SIGBUS")]
    public void ExitCodesAbove128NameTheirSignal(int code, string name)
    {
        Assert.Equal(name, ChildExit.SignalName(ChildExit.Signal(code)!.Value));
        Assert.Equal(code - 128, ChildExit.SignalNumber(name));
        Assert.Equal(code - 128, ChildExit.SignalNumber(name[3..].ToLowerInvariant()));
    }

    [Fact]
    public void OrdinaryExitCodesAreNotSignals()
    {
        foreach (var code in new[] { 0, 1, 2, 3, 4, 128 }) Assert.Null(ChildExit.Signal(code));
        Assert.True(ChildExit.IsInterruption(2));
        Assert.False(ChildExit.IsInterruption(11));
    }
}
