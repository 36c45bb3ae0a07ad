namespace Collapse.Theory.Margins;

/// <summary>
/// Margin quantities of a classifier on a labelled sample (docs/conventions.md §Margins and loss).
/// </summary>
/// <remarks>
/// The K×K class-pair margin matrix is kept only when asked for (<see cref="Metrics.PairMarginMode"/>); its summary
/// (<see cref="PairStatistics"/>: count, min, max, mean, std, negatives, the worst pairs) is always there.
/// </remarks>
public sealed record MarginSummary
{
    private readonly double[,]? _classPair;

    /// <summary>p_min = min_i q_i.</summary>
    public required double MinMargin { get; init; }

    /// <summary>
    /// γ_kl = min_{y_i=k}(z_ik − z_il), K×K, NaN on the diagonal and for empty classes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The matrix was not kept (see <see cref="HasClassPair"/>).</exception>
    public double[,] ClassPair
    {
        get => _classPair ?? throw new InvalidOperationException("the K×K class-pair margins were not kept; compute with PairMarginMode.Matrix (CLI: --pair-margins)");
        init => _classPair = value;
    }

    /// <summary>Whether <see cref="ClassPair"/> holds the K×K matrix.</summary>
    public bool HasClassPair => _classPair is not null;

    /// <summary>Summary of all γ_kl (always present).</summary>
    public required ClassPairMarginStatistics PairStatistics { get; init; }

    /// <summary>p_min / (||W||_F · max_i ||h_i||) (bias-free scale-invariant form).</summary>
    public required double NormalizedMargin { get; init; }

    /// <summary>p_min / (½(||W||_F² + ||H||_F²)) (UFM, logits 2-homogeneous in (W, H)).</summary>
    public required double UfmNormalizedMargin { get; init; }

    /// <summary>γ̃ = −log Σ_i Σ_{j≠y_i} exp(−(z_{i,y_i} − z_ij)) (un-normalized).</summary>
    public required double SmoothedMargin { get; init; }

    /// <summary>γ̃ / (||W||_F · max_i ||h_i||).</summary>
    public required double NormalizedSmoothedMargin { get; init; }

    /// <summary>γ̃ / (½(||W||_F² + ||H||_F²)) (Lyu &amp; Li 2020).</summary>
    public required double UfmNormalizedSmoothedMargin { get; init; }
}
