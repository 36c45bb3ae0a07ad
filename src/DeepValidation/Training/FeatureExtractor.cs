using Collapse.DeepValidation.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Training;

/// <summary>Runs a network in evaluation mode over a whole set and returns its penultimate-layer features in float64.</summary>
public static class FeatureExtractor
{
    /// <summary>
    /// Features h_i (row-major N×d, float64) of every row of <paramref name="inputs"/> (N × sample shape, on the
    /// network's device), computed in batches of <paramref name="batchSize"/> without gradients.
    /// </summary>
    public static double[] Extract(DeepNetwork network, Tensor inputs, int batchSize = 1000)
    {
        var n = (int)inputs.shape[0];
        var d = network.FeatureDimension;
        var result = new double[(long)n * d];
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, n - start);
                var h = network.Features(inputs.narrow(0, start, count)).to_type(ScalarType.Float64).cpu().contiguous();
                h.data<double>().CopyTo(result.AsSpan(start * d, count * d));
            }
        }
        finally
        {
            if (wasTraining) network.train();
        }
        return result;
    }
}
