using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// Fused multiply-add for the element type of the dense kernels (<see cref="DenseRowKernels{T, TOps}"/>, <see cref="DenseGemm"/>):
/// a static-abstract interface, so that generic kernels over <typeparamref name="T"/> are specialised by the JIT.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IFusedOps<T> where T : unmanaged
{
    /// <summary>a·b + c with one rounding, lane-wise.</summary>
    static abstract Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract T Fma(T a, T b, T c);
}

/// <summary>float64 fused multiply-add.</summary>
public readonly struct DoubleOps : IFusedOps<double>
{
    /// <inheritdoc />
    public static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}

/// <summary>float32 fused multiply-add.</summary>
public readonly struct SingleOps : IFusedOps<float>
{
    /// <inheritdoc />
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
}
