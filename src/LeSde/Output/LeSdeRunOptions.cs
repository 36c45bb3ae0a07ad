using Collapse.Theory;

namespace Collapse.LeSde.Output;

/// <summary>What a <see cref="LeSdeRunner"/> run logs.</summary>
public sealed record LeSdeRunOptions
{
    /// <summary>Logged times, log-spaced over [t0, T] (both ends included).</summary>
    public int LogPoints { get; init; } = 40;

    /// <summary>The most logged times (<c>--log-points</c>): each is a row of trajectory.csv held in memory.</summary>
    public const int MaxLogPoints = 1_000_000;

    /// <summary>Decide the pairwise linear separability of the classes at every logged time (exact; an LP per pair above R²).</summary>
    public bool Separability { get; init; } = true;

    /// <summary>Checks <see cref="LogPoints"/> (at least 2, at most <see cref="MaxLogPoints"/>).</summary>
    /// <exception cref="InputException">Naming <c>--log-points</c>.</exception>
    public void Validate()
    {
        if (LogPoints < 2) throw new InputException($"--log-points {LogPoints}: must be at least 2");
        if (LogPoints > MaxLogPoints) throw new InputException($"--log-points {LogPoints}: at most {MaxLogPoints}");
    }
}
