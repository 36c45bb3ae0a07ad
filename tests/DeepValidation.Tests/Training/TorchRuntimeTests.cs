using Collapse.DeepValidation.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Tests.Training;

public class TorchRuntimeTests
{
    [Fact]
    public void SmallChannelConvolutionBackwardIsAlmostAlwaysRepeatableAndFinite()
    {
        // Regression for oneDNN's AVX-512 kernels (see TorchRuntime): without the ISA cap this stack gave NaN or
        // differing input gradients in about half of the repetitions on the project's machines. With the AVX2 cap a
        // rare fault remains (measured about 1 in 500 passes; the trainer recomputes such a step, see DeepTrainer),
        // so this asserts what the cap guarantees: at least nine of ten passes agree on one finite value.
        TorchRuntime.EnsureConfigured();
        random.manual_seed(0);
        using var conv1 = nn.Conv2d(4, 4, 3, padding: 1, bias: false);
        using var conv2 = nn.Conv2d(4, 4, 3, padding: 1, bias: false);
        using var x = randn(20, 4, 16, 16);
        var sums = new List<float>();
        for (var r = 0; r < 10; r++)
        {
            using var scope = NewDisposeScope();
            conv1.zero_grad();
            conv2.zero_grad();
            var y = nn.functional.relu(conv2.forward(nn.functional.relu(conv1.forward(x))));
            y.pow(2).sum().backward();
            sums.Add(conv1.weight!.grad!.abs().sum().item<float>());
        }
        var agreeing = sums.Where(float.IsFinite).GroupBy(v => v).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        Assert.True(agreeing >= 9, $"only {agreeing} of 10 backward passes agree on a finite value: {string.Join(", ", sums)}");
        Assert.False(string.IsNullOrEmpty(TorchRuntime.OneDnnIsa));
    }
}
