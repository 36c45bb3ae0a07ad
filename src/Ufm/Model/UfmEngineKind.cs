namespace Collapse.Ufm.Model;

/// <summary>Which implementation runs the hot loop.</summary>
public enum UfmEngineKind
{
    /// <summary>The fused managed kernel on the CPU, TorchSharp on CUDA.</summary>
    Auto,
    /// <summary>Managed arrays with a fused row-blocked SIMD kernel (CPU, float64 or float32).</summary>
    Managed,
    /// <summary>TorchSharp tensors (CPU or CUDA, float64 or float32).</summary>
    Torch,
}
