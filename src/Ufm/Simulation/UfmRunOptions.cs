namespace Collapse.Ufm.Simulation;

/// <summary>Run-time options that do not change the result: progress, checkpoints, interruption.</summary>
public sealed record UfmRunOptions
{
    /// <summary>Receives the number of completed steps about 200 times per run.</summary>
    public IProgress<long>? Progress { get; init; }
    /// <summary>Checkpoint file (written atomically every <see cref="CheckpointEvery"/> steps); null = none.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>Steps between checkpoints (0 = never).</summary>
    public long CheckpointEvery { get; init; }
    /// <summary>Stop (as if interrupted) once this many steps are done, after writing any due checkpoint; null = run to the end.</summary>
    public long? StopAfter { get; init; }
    /// <summary>Cancels the run between steps (the last checkpoint stays valid).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// When the run diverges (<see cref="UfmDivergence"/>), return it up to its last finite step with
    /// <see cref="UfmResult.Divergence"/> set, instead of throwing <see cref="UfmDivergedException"/> (the default).
    /// </summary>
    public bool ReturnDiverged { get; init; }
    /// <summary>Receives warnings before the first step (a learning rate above <see cref="StepSize.StableLimit"/>); null = ignore them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>No progress, no checkpoints.</summary>
    public static UfmRunOptions None { get; } = new();
}
