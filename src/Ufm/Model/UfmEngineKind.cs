namespace Collapse.Ufm.Model;

/// <summary>Which implementation runs the hot loop.</summary>
public enum UfmEngineKind
{
    /// <summary>Managed float64 arrays for small CPU problems (per-op TorchSharp overhead dominates there), TorchSharp otherwise.</summary>
    Auto,
    /// <summary>Plain managed float64 arrays (CPU, float64 only).</summary>
    Managed,
    /// <summary>TorchSharp tensors (CPU or CUDA, float64 or float32).</summary>
    Torch,
}
