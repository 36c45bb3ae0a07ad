using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Svm;
using Xunit;

namespace Collapse.DeepValidation.Tests.Training;

public class SvmDistanceTests
{
    private sealed class Capture : IRunExporter
    {
        public Dictionary<int, (double[] W, double[]? B, double[] H, int[] Y)> Epochs { get; } = [];

        public void Export(int epoch, double[] trainFeatures, int[] trainLabels, double[] testFeatures, int[] testLabels,
            double[] weights, double[]? bias, int classes, int dim) => Epochs[epoch] = (weights, bias, trainFeatures, trainLabels);
    }

    private static readonly DataSplit Easy = DatasetCatalog.Load("gaussian:k=3,d=6,n=20,test=10,sep=12,noise=0.5");

    private static TrainingOptions Options(int epochs) => new()
    {
        Model = new ModelConfig(ModelKind.Mlp, 16, 2),
        Epochs = epochs,
        BatchSize = 20,
        LearningRate = 0.05,
    };

    /// <summary>‖[W b]/‖[W b]‖ − W_svm/‖W_svm‖‖_F written out independently of the production code.</summary>
    private static double Reference(double[] w, double[] b, double[] h, int[] y, int k, int d)
    {
        var x = new double[y.Length * (d + 1)];
        for (var i = 0; i < y.Length; i++)
        {
            for (var t = 0; t < d; t++) x[i * (d + 1) + t] = h[i * d + t];
            x[i * (d + 1) + d] = 1;
        }
        var svm = MulticlassSvm.Solve(x, y, k);
        Assert.True(svm.Certificate.IsCertified());
        var wb = new double[k * (d + 1)];
        for (var c = 0; c < k; c++)
        {
            for (var t = 0; t < d; t++) wb[c * (d + 1) + t] = w[c * d + t];
            wb[c * (d + 1) + d] = b[c];
        }
        var s = svm.W.ToRowMajorArray();
        double nw = Math.Sqrt(wb.Sum(v => v * v)), ns = Math.Sqrt(s.Sum(v => v * v)), dist = 0;
        for (var i = 0; i < wb.Length; i++) dist += Math.Pow(wb[i] / nw - s[i] / ns, 2);
        return Math.Sqrt(dist);
    }

    [Fact]
    public void AfterTheTptStartSvmDistanceIsFilledFiniteInRangeAndMatchesTheSvmOfTheTrainFeatures()
    {
        var capture = new Capture();
        var result = DeepTrainer.Train(Easy, Options(60) with { EpochsAfterInterpolation = 15, ExportEpochs = Enumerable.Range(1, 60).ToArray() }, capture);
        var t0 = Assert.IsType<int>(result.InterpolationEpoch);
        var separable = result.Epochs.Where(e => e.TrainAccuracy == 1.0).ToList();
        Assert.True(separable.Count >= 10, $"only {separable.Count} epochs at 100% train accuracy");
        foreach (var e in separable)
        {
            var distance = Assert.IsType<double>(e.SvmDistance);
            Assert.InRange(distance, 0.0, 2.0);
            Assert.True(e.SvmSeconds > 0);
        }
        Assert.All(result.Epochs.Where(e => e.TrainAccuracy < 1.0), e => Assert.Null(e.SvmDistance));

        var last = result.Epochs[^1];
        var (w, b, h, y) = capture.Epochs[last.Epoch];
        Assert.Equal(Reference(w, b!, h, y, 3, 16), last.SvmDistance!.Value, 6);
        // The last layer turns towards the SVM direction during the terminal phase.
        Assert.True(last.SvmDistance < separable[0].SvmDistance,
            $"svmDistance {separable[0].SvmDistance} at epoch {separable[0].Epoch} (TPT start {t0}) → {last.SvmDistance} at epoch {last.Epoch}");
    }

    [Fact]
    public void BeforeSeparabilityTheCellIsEmpty()
    {
        var hard = DatasetCatalog.Load("gaussian:k=4,d=8,n=30,test=10,sep=1,noise=1");
        var result = DeepTrainer.Train(hard, Options(2));
        Assert.All(result.Epochs, e =>
        {
            Assert.True(e.TrainAccuracy < 1.0);
            Assert.Null(e.SvmDistance);
            Assert.Equal(0.0, e.SvmSeconds);
        });
        var table = EpochTable.Format(result.Epochs).Split('\n');
        var column = Array.IndexOf(table[0].Split(','), "svmDistance");
        Assert.True(column >= 0);
        Assert.Equal("", table[1].Split(',')[column]);
    }

    [Fact]
    public void SvmEveryChoosesTheEpochsAndZeroSwitchesItOff()
    {
        var every = DeepTrainer.Train(Easy, Options(40) with { EpochsAfterInterpolation = 7, SvmEvery = 3 });
        var solved = every.Epochs.Where(e => e.SvmDistance is not null).Select(e => e.Epoch).ToList();
        Assert.NotEmpty(solved);
        Assert.All(solved, epoch => Assert.True(epoch % 3 == 0 || epoch == every.Epochs[^1].Epoch, $"epoch {epoch}"));
        Assert.Contains(every.Epochs[^1].Epoch, solved);

        var never = DeepTrainer.Train(Easy, Options(40) with { EpochsAfterInterpolation = 7, SvmEvery = 0 });
        Assert.NotNull(never.InterpolationEpoch);
        Assert.All(never.Epochs, e => Assert.Null(e.SvmDistance));
    }
}
