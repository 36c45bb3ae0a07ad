using Collapse.DeepValidation.Training;
using Xunit;

namespace Collapse.DeepValidation.Tests.Training;

public class TrainingOptionsTests
{
    [Theory]
    [InlineData(30, new[] { 15, 23 })]
    [InlineData(60, new[] { 30, 45 })]
    [InlineData(7, new[] { 4, 6 })]
    [InlineData(2, new[] { 1 })]
    [InlineData(1, new int[0])]
    public void DefaultScheduleDecaysAfterHalfAndThreeQuartersOfTheEpochs(int epochs, int[] expected) =>
        Assert.Equal(expected, TrainingOptions.DefaultMilestones(epochs));

    [Fact]
    public void DefaultRecipeIsBatch32WithTheDefaultScheduleForThirtyEpochs()
    {
        var o = new TrainingOptions();
        Assert.Equal(30, o.Epochs);
        Assert.Equal(32, o.BatchSize);
        Assert.Equal(TrainingOptions.DefaultMilestones(o.Epochs), o.LearningRateMilestones);
        Assert.Equal(0.05, o.LearningRate);
        Assert.Equal(5e-4, o.WeightDecay);
    }
}
