using Collapse.DeepValidation.Claims;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using Collapse.DeepValidation.Training.Isolation;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.DeepValidation.Tests.Claims;

/// <summary>
/// The test-collapse claims train through <see cref="TrainingRunners.Default"/> (child processes under the CLI), and
/// the held-out measurement they need survives the child → parent JSON.
/// </summary>
public class TestCollapseRunnerTests
{
    private sealed class RecordingRunner : ITrainingRunner
    {
        public List<TrainingOptions> Jobs { get; } = [];

        public IReadOnlyList<TrainingResult> TrainAll(DataSplit data, IReadOnlyList<TrainingOptions> jobs, Action<int, TrainingResult>? onResult = null)
        {
            Jobs.AddRange(jobs);
            // As the child-process runner does: every result crosses the JSON boundary.
            var results = InProcessTrainingRunner.Instance.TrainAll(data, jobs);
            var back = results.Select(r => TrainingJson.DeserializeResult(TrainingJson.Serialize(r))).ToList();
            for (var i = 0; i < back.Count; i++) onResult?.Invoke(i, back[i]);
            return back;
        }
    }

    [Theory]
    [InlineData("deep-test-collapse-mnist")]
    [InlineData("deep-test-collapse-fashion")]
    public void TheClaimTrainsItsSeedsThroughTheDefaultRunner(string id)
    {
        var recorder = new RecordingRunner();
        var previous = TrainingRunners.Default;
        TrainingRunners.Default = recorder;
        try
        {
            var context = new ClaimContext(new Dictionary<string, string>
            {
                ["trainPerClass"] = "10",
                ["testPerClass"] = "10",
                ["width"] = "32",
                ["epochs"] = "12",
                ["lrMilestones"] = "8",
                ["batchSize"] = "20",
                ["seeds"] = "2",
            }, Cases: 1, Seed: 5);
            var r = DeepClaims.All().Single(c => c.Id == id).Check(context);
            Assert.Equal([5, 6], recorder.Jobs.Select(j => j.Seed));
            Assert.All(recorder.Jobs, j => Assert.True(j.MeasureTest));
            Assert.Contains("seed 5:", r.Detail);
            Assert.Contains("seed 6:", r.Detail);
        }
        finally
        {
            TrainingRunners.Default = previous;
        }
    }

    [Fact]
    public void TheHeldOutMeasurementAboutTheTrainMeansRoundTripsThroughTheChildJson()
    {
        var data = DatasetCatalog.Load("gaussian:k=3,d=5,n=12,test=9,sep=5,seed=2");
        var result = DeepTrainer.Train(data, new TrainingOptions
        {
            Model = new ModelConfig(ModelKind.Mlp, 8, 1),
            Epochs = 3,
            BatchSize = 12,
            MeasureEvery = 1,
            MeasureTest = true,
            Seed = 3,
        });
        var back = TrainingJson.DeserializeResult(TrainingJson.Serialize(result));
        Assert.All(result.Epochs, e => Assert.NotNull(e.TestAgainstTrainMeans));
        Assert.Equal(result.Epochs.Select(e => e.TestAgainstTrainMeans), back.Epochs.Select(e => e.TestAgainstTrainMeans));
    }
}
