namespace Collapse.Ufm.Engine;

/// <summary>
/// Complete optimiser state as float64 arrays (float32 values convert exactly), enough to continue a run
/// bit-identically: parameters and heavy-ball velocities (null where not used).
/// </summary>
internal sealed record EngineState(double[] W, double[] H, double[]? B, double[]? VW, double[]? VH, double[]? VB);
