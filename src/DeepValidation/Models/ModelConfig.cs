namespace Collapse.DeepValidation.Models;

/// <summary>Architecture of the feature extractor.</summary>
/// <param name="Kind">MLP, CNN or ResNet.</param>
/// <param name="Width">MLP: hidden width (= feature dimension d). CNN/ResNet: channels of the first stage (d = 4·width for the ResNet, 4·width for the CNN).</param>
/// <param name="Depth">MLP: number of hidden layers. CNN: conv blocks. ResNet: basic blocks per stage.</param>
/// <param name="BatchNorm">Batch normalisation after each hidden linear layer of the MLP (CNN/ResNet always use it).</param>
public sealed record ModelConfig(ModelKind Kind, int Width = 128, int Depth = 3, bool BatchNorm = true)
{
    /// <summary>Feature (penultimate-layer) dimension d that this architecture produces.</summary>
    public int FeatureDimension => Kind switch
    {
        ModelKind.Mlp => Width,
        ModelKind.Cnn => Width * (1 << (Depth - 1)),
        ModelKind.ResNet => Width * 4,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>The most weights a network may have (2^28 ≈ 2.7e8, 1 GiB in float32): larger ones do not fit the CPU training this tool does.</summary>
    public const long MaxWeights = 1L << 28;

    /// <summary>
    /// Throws <see cref="Collapse.Theory.InputException"/> naming <c>--width</c>/<c>--depth</c> when the network for
    /// samples of <paramref name="inputSize"/> values in <paramref name="channels"/> channels would have more than
    /// <see cref="MaxWeights"/> weights (the linear and convolution weights, counted in floating point so that no
    /// product overflows), before libtorch allocates anything.
    /// </summary>
    /// <param name="inputSize">Values per sample (the MLP's fan-in).</param>
    /// <param name="channels">Image channels (the first convolution's fan-in); ignored by the MLP.</param>
    public void CheckSize(long inputSize, int channels)
    {
        double w = Width, weights = 0;
        switch (Kind)
        {
            case ModelKind.Mlp:
                weights = (inputSize * w) + ((Depth - 1.0) * w * w);
                break;
            case ModelKind.Cnn:
                double cin = channels;
                for (var i = 0; i < Depth && weights <= MaxWeights; i++)
                {
                    var cout = w * Math.Pow(2, i);
                    weights += 9 * cin * cout;
                    cin = cout;
                }
                break;
            case ModelKind.ResNet:
                weights = 9.0 * channels * w;
                for (var s = 0; s < 3; s++)
                {
                    var cout = w * Math.Pow(2, s);
                    weights += Depth * 18.0 * cout * cout;
                }
                break;
        }
        if (!(weights <= MaxWeights))
            throw new Collapse.Theory.InputException($"--width {Width} --depth {Depth}: the {Kind.ToString().ToLowerInvariant()} would have about {weights:G3} weights, too large (at most "
                + $"{MaxWeights:G3}, 1 GiB in float32)");
    }
}
