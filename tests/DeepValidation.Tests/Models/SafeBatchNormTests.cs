using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Tests.Models;

public class SafeBatchNormTests
{
    [Xunit.Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SafeBatchNormComputesBitForBitWhatTorchSharpsBatchNormComputes(int rank)
    {
        TorchRuntime.EnsureConfigured();
        random.manual_seed(3);
        long[] shape = rank == 2 ? [16, 5] : [6, 5, 3, 3];
        using var reference = rank == 2 ? (nn.Module<Tensor, Tensor>)nn.BatchNorm1d(5) : nn.BatchNorm2d(5);
        using var safe = new SafeBatchNorm(5);
        for (var step = 0; step < 4; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn(shape, requires_grad: true);
            var y1 = reference.forward(x);
            var y2 = safe.forward(x);
            Assert.Equal(y1.data<float>().ToArray(), y2.data<float>().ToArray());
            var g1 = autograd.grad([y1.pow(3).sum()], [x])[0];
            var g2 = autograd.grad([y2.pow(3).sum()], [x])[0];
            Assert.Equal(g1.data<float>().ToArray(), g2.data<float>().ToArray());
        }
        var b1 = reference.buffers().Select(b => b.to_type(ScalarType.Float64).data<double>().ToArray()).ToList();
        var b2 = safe.buffers().Select(b => b.to_type(ScalarType.Float64).data<double>().ToArray()).ToList();
        Assert.Equal(b1, b2); // running mean, running variance, batches tracked (4)
        reference.eval();
        safe.eval();
        using var z = randn(shape);
        Assert.Equal(reference.forward(z).data<float>().ToArray(), safe.forward(z).data<float>().ToArray());
        Assert.Equal(2, safe.parameters().Count());
    }
}
