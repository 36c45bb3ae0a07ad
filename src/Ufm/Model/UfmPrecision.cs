namespace Collapse.Ufm.Model;

/// <summary>Floating-point type of the simulated tensors (metrics are always computed in float64 by Theory).</summary>
public enum UfmPrecision
{
    /// <summary>IEEE double (default).</summary>
    Float64,
    /// <summary>IEEE single (TorchSharp engine only).</summary>
    Float32,
}
