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
}
