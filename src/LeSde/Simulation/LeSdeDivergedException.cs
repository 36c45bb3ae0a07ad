using Collapse.Theory.Claims;

namespace Collapse.LeSde.Simulation;

/// <summary>
/// An LE-SDE simulation inside a claim diverged (<see cref="LeSdeDivergence"/>). A
/// <see cref="ClaimInconclusiveException"/>: the claim is Inconclusive with this message, not an error.
/// </summary>
public sealed class LeSdeDivergedException : ClaimInconclusiveException
{
    /// <summary>Creates the exception for the run with seed <paramref name="seed"/>.</summary>
    public LeSdeDivergedException(LeSdeDivergence divergence, int seed)
        : base($"LE-SDE (seed {seed}) {(divergence ?? throw new ArgumentNullException(nameof(divergence)))}")
    {
        Divergence = divergence;
        Seed = seed;
    }

    /// <summary>Where it diverged.</summary>
    public LeSdeDivergence Divergence { get; }

    /// <summary>The run's seed.</summary>
    public int Seed { get; }
}
