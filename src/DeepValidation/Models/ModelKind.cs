namespace Collapse.DeepValidation.Models;

/// <summary>Network architectures available for deep validation.</summary>
public enum ModelKind
{
    /// <summary>Fully connected ReLU network (configurable width and depth), the default for vectors and small images.</summary>
    Mlp,
    /// <summary>Small convolutional network: conv–BN–ReLU–pool blocks, then global average pooling.</summary>
    Cnn,
    /// <summary>Small residual network (He et al. 2016 basic blocks, three stages, global average pooling).</summary>
    ResNet,
}
