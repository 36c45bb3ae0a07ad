using Collapse.Theory.Numerics;

namespace Collapse.LeSde.Simulation;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> by the Box–Muller transform (<see cref="Gaussian.StandardNormalPair"/>), using both values of each
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
        var (first, second) = Gaussian.StandardNormalPair(_rng);
        _spare = second;
        _hasSpare = true;
        return first;
    }
}
