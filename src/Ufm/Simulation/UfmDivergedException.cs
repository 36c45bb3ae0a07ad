using Collapse.Theory.Claims;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// A simulation diverged (<see cref="UfmDivergence"/>) and the caller did not ask for the partial run
/// (<see cref="UfmRunOptions.ReturnDiverged"/>). A <see cref="ClaimInconclusiveException"/>: a claim whose simulation
/// diverges is Inconclusive with this message, not an error.
/// </summary>
public sealed class UfmDivergedException : ClaimInconclusiveException
{
    /// <summary>Creates the exception for <paramref name="run"/>, which stops at the last finite step.</summary>
    public UfmDivergedException(UfmResult run)
        : base($"UFM {(run ?? throw new ArgumentNullException(nameof(run))).Divergence}")
    {
        Run = run;
    }

    /// <summary>The run up to its last finite step; <see cref="UfmResult.Divergence"/> is set.</summary>
    public UfmResult Run { get; }

    /// <summary>Where it diverged.</summary>
    public UfmDivergence Divergence => Run.Divergence!;
}
