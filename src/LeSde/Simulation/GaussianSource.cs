namespace Collapse.LeSde.Simulation;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> by the Box–Muller transform, using both values of each
/// pair (half the uniforms and transcendental calls of drawing one value per pair). Deterministic for a seed.
/// </summary>
internal sealed class GaussianSource(int seed)
{
    private readonly Random _rng = new(seed);
    private double _spare;
    private bool _hasSpare;

    /// <summary>One N(0, 1) draw.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        var u1 = 1.0 - _rng.NextDouble(); // (0, 1]
        var u2 = _rng.NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spare = r * sin;
        _hasSpare = true;
        return r * cos;
    }
}
