using TorchSharp;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// TorchSharp <see cref="Scalar"/>s that outlive every native call they are passed to. TorchSharp 0.107 hands
/// <c>scalar.Handle</c> to libtorch without <c>GC.KeepAlive</c>, so a Scalar created implicitly for one call
/// (<c>t.add(u)</c> is <c>t.add(u, alpha: 1)</c>, <c>t.mul_(0.9)</c>, the TorchSharp optimizers' <c>alpha:</c> arguments)
/// can be finalized by a garbage collection on another thread while the call still reads it — a use-after-free that
/// surfaces as "Expected false to be true" from <c>c10::Scalar::toDouble</c>, a wrong value, or SIGSEGV
/// (bench/deep/scalar-race.cs reproduces it; docs/deep-validation.md, "Native faults"). Code on the training path uses
/// these instead of implicit conversions.
/// </summary>
public static class KeptScalars
{
    /// <summary>The integer 1 (the default alpha of <c>add</c>), alive for the whole process.</summary>
    public static Scalar One { get; } = 1.ToScalar();
}
