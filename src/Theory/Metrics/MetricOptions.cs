namespace Collapse.Theory.Metrics;

/// <summary>Whether the K×K class-pair margin matrix γ_kl is kept (its summary and worst pairs are always reported).</summary>
public enum PairMarginMode
{
    /// <summary>Keep the matrix when K ≤ <see cref="MetricOptions.PairMatrixAutoClasses"/> (a constant, so memory stays O(K·d)).</summary>
    Auto,
    /// <summary>Always keep the K×K matrix (O(K²) memory; CLI <c>--pair-margins</c>).</summary>
    Matrix,
    /// <summary>Never keep it: only the summary and the worst pairs.</summary>
    Summary,
}

/// <summary>Options of <see cref="MetricEngine"/>.</summary>
public sealed record MetricOptions
{
    /// <summary>K up to which <see cref="PairMarginMode.Auto"/> keeps the K×K matrix.</summary>
    public const int PairMatrixAutoClasses = 64;

    /// <summary>Default size of one streamed chunk of rows, in bytes of float64 values.</summary>
    public const int DefaultChunkBytes = 8 << 20;

    /// <summary>Worker threads (0: one per core). The result is the same for every thread count.</summary>
    public int Threads { get; init; }

    /// <summary>Rows per pass-1 block and at most per pass-2 work item (null: about 8 MB of doubles).</summary>
    public int? ChunkRows { get; init; }

    /// <summary>Whether the K×K class-pair margins are kept.</summary>
    public PairMarginMode PairMargins { get; init; } = PairMarginMode.Auto;

    /// <summary>Nearest-centre screening in float32 with the exact float64 recheck (false: the screening product runs in float64).</summary>
    public bool Float32Screening { get; init; } = true;

    /// <summary>Check every feature for NaN/±Inf in pass 1 (an <see cref="InputException"/> names the first).</summary>
    public bool CheckFinite { get; init; } = true;

    /// <summary>Progress of the passes (called from worker threads, at most a few times per second).</summary>
    public IProgress<MetricProgress>? Progress { get; init; }

    /// <summary>Cancellation, checked between chunks.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Rows per pass-1 block for <paramref name="dim"/> columns.</summary>
    public int BlockRows(int dim) => ChunkRows ?? Math.Max(1, DefaultChunkBytes / (8 * Math.Max(1, dim)));

    /// <summary>The thread count actually used.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Whether the K×K matrix is kept for K classes.</summary>
    public bool KeepsPairMatrix(int classes) => PairMargins == PairMarginMode.Matrix || (PairMargins == PairMarginMode.Auto && classes <= PairMatrixAutoClasses);
}

/// <summary>Progress of one pass: rows done of the rows in the pass.</summary>
/// <param name="Pass">1 (class statistics) or 2 (decisions, margins, losses).</param>
/// <param name="Done">Rows processed so far.</param>
/// <param name="Total">Rows of the pass.</param>
/// <param name="Elapsed">Time since the pass started.</param>
public readonly record struct MetricProgress(int Pass, long Done, long Total, TimeSpan Elapsed);
