using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.Theory;
using Xunit;

namespace Collapse.DeepValidation.Tests.Training;

public class TrainerTests
{
    private sealed class Capture : IRunExporter
    {
        public Dictionary<int, (double[] W, double[]? B, double[] HTrain, int[] YTrain)> Epochs { get; } = [];

        public void Export(int epoch, double[] trainFeatures, int[] trainLabels, double[] testFeatures, int[] testLabels,
            double[] weights, double[]? bias, int classes, int dim) => Epochs[epoch] = (weights, bias, trainFeatures, trainLabels);
    }

    private static DataSplit Tiny(int seed = 0) => DatasetCatalog.Load($"gaussian:k=4,d=8,n=30,test=20,sep=6,seed={seed}");

    private static TrainingOptions Small(int epochs = 4) => new()
    {
        Model = new ModelConfig(ModelKind.Mlp, 16, 2),
        Epochs = epochs,
        BatchSize = 20,
        LearningRate = 0.05,
    };

    [Fact]
    public void FixedClassifierIsNeverTrainedNorDecayedAndHasNoBias()
    {
        var fixedW = new FixedClassifier(FixedClassifierKind.Etf, PermutationSeed: 5, RotationSeed: 9, Scale: 2.0);
        var capture = new Capture();
        var options = Small(3) with { FixedClassifier = fixedW, WeightDecay = 0.5, ExportEpochs = [1, 3] };
        DeepTrainer.Train(Tiny(), options, capture);
        var expected = fixedW.BuildRowMajor(4, 16);
        foreach (var epoch in new[] { 1, 3 })
        {
            var (w, b, _, _) = capture.Epochs[epoch];
            Assert.Null(b);
            for (var i = 0; i < expected.Length; i++) Assert.Equal((float)expected[i], (float)w[i]);
        }
    }

    [Fact]
    public void TrainedClassifierHasABiasAndMoves()
    {
        var capture = new Capture();
        DeepTrainer.Train(Tiny(), Small(3) with { ExportEpochs = [1, 3] }, capture);
        Assert.NotNull(capture.Epochs[1].B);
        Assert.NotEqual(capture.Epochs[1].W, capture.Epochs[3].W);
    }

    [Fact]
    public void SameSeedGivesTheSameRunAndAnotherSeedDoesNot()
    {
        var a = DeepTrainer.Train(Tiny(), Small() with { Seed = 3 });
        var b = DeepTrainer.Train(Tiny(), Small() with { Seed = 3 });
        var c = DeepTrainer.Train(Tiny(), Small() with { Seed = 4 });
        Assert.Equal(a.Epochs.Select(e => e.BatchLoss), b.Epochs.Select(e => e.BatchLoss));
        Assert.Equal(a.Epochs.Select(e => e.TrainLoss), b.Epochs.Select(e => e.TrainLoss));
        Assert.NotEqual(a.Epochs.Select(e => e.BatchLoss), c.Epochs.Select(e => e.BatchLoss));
    }

    [Fact]
    public void MeasuredTrainLossIsTheCrossEntropyOfTheExportedFeaturesAndLastLayer()
    {
        var capture = new Capture();
        var result = DeepTrainer.Train(Tiny(), Small(2) with { ExportEpochs = [2] }, capture);
        var (w, bias, h, y) = capture.Epochs[2];
        double total = 0;
        var z = new double[4];
        for (var i = 0; i < y.Length; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                double s = bias![k];
                for (var j = 0; j < 16; j++) s += w[k * 16 + j] * h[i * 16 + j];
                z[k] = s;
            }
            var max = z.Max();
            total += Math.Log(z.Sum(v => Math.Exp(v - max))) + max - z[y[i]];
        }
        Assert.Equal(total / y.Length, result.Epochs[1].TrainLoss!.Value, 10);
    }

    [Fact]
    public void StopsTheRequestedNumberOfEpochsAfterInterpolation()
    {
        var easy = DatasetCatalog.Load("gaussian:k=3,d=6,n=20,test=10,sep=12,noise=0.5");
        var result = DeepTrainer.Train(easy, Small(200) with { EpochsAfterInterpolation = 2, MeasureEvery = 5 });
        Assert.NotNull(result.InterpolationEpoch);
        Assert.Equal(result.InterpolationEpoch + 2, result.Epochs[^1].Epoch);
        Assert.All(result.Epochs.Where(e => e.Epoch < result.InterpolationEpoch), e => Assert.True(e.TrainAccuracy < 1.0));
    }

    [Fact]
    public void MeasureEveryZeroMeasuresOnlyTheFirstAndLastEpochs()
    {
        var result = DeepTrainer.Train(Tiny(), Small(4) with { MeasureEvery = 0 });
        Assert.Equal(new[] { 1, 4 }, result.Epochs.Where(e => e.Train is not null).Select(e => e.Epoch));
    }

    [Fact]
    public void CudaWithoutCudaIsAClearInputError()
    {
        var ex = Assert.Throws<InputException>(() => DeepTrainer.Train(Tiny(), Small(1) with { Device = "cuda" }));
        Assert.Contains("CUDA is not available", ex.Message);
        Assert.Contains("expected cpu, cuda or cuda:N", Assert.Throws<InputException>(() => DeviceSelector.Resolve("tpu")).Message);
    }

    [Fact]
    public void LearningRateFollowsTheMilestones()
    {
        var result = DeepTrainer.Train(Tiny(), Small(4) with { LearningRate = 0.1, LearningRateMilestones = [2], LearningRateDecay = 0.5, MeasureEvery = 0 });
        Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.05 }, result.Epochs.Select(e => e.LearningRate));
    }

    [Theory]
    [InlineData(ModelKind.Cnn)]
    [InlineData(ModelKind.ResNet)]
    public void ConvolutionalModelsTrainOnImages(ModelKind kind)
    {
        var data = DatasetCatalog.Load("mnist-subset", trainPerClass: 4, testPerClass: 2);
        var options = new TrainingOptions { Model = new ModelConfig(kind, 4, 1), Epochs = 2, BatchSize = 20, MeasureEvery = 1 };
        var result = DeepTrainer.Train(data, options);
        Assert.Equal(2, result.Epochs.Count);
        Assert.Equal(options.Model.FeatureDimension, result.FeatureDimension);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss!.Value)));
    }

    [Fact]
    public void DivergingTrainingStopsWithAOneLineErrorInsteadOfNanMetrics()
    {
        // lr 1e30: the first step blows the weights up, the next loss is NaN/Inf in every recomputation.
        var ex = Assert.Throws<InputException>(() => DeepTrainer.Train(Tiny(), Small(3) with { LearningRate = 1e30, Model = new ModelConfig(ModelKind.Mlp, 16, 2, BatchNorm: false) }));
        Assert.StartsWith("training diverged at epoch ", ex.Message);
        Assert.Contains($"in {DeepTrainer.MaxStepAttempts} attempts", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AHealthyRunRecomputesNoStep()
    {
        var result = DeepTrainer.Train(Tiny(), Small(3));
        Assert.All(result.Epochs, e => Assert.Equal(0, e.RecomputedSteps));
    }

    [Fact]
    public void ConvolutionalModelOnVectorsIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => DeepTrainer.Train(Tiny(), Small(1) with { Model = new ModelConfig(ModelKind.Cnn, 4, 1) }));
        Assert.Contains("--model cnn: needs image inputs", ex.Message);
    }
}
