using Collapse.Theory.Numerics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// The scalar accumulators of the second pass over a set of rows: counts of NCC-correct, NC4-mismatched and correctly
/// classified samples, p_min, the compensated sums of the CE and of the nc1 projection, and the log-domain sums of
/// log ℓ_i and of the smoothed margin; plus how many decisions needed the exact float64 recheck. Disjoint row sets
/// merge with <see cref="Merge"/>; merging in a fixed order makes the result independent of the thread count.
/// </summary>
public sealed class SampleTotals
{
    /// <summary>Samples seen.</summary>
    public long Count { get; internal set; }

    /// <summary>Samples whose NCC decision equals the label.</summary>
    public long NccCorrect { get; internal set; }

    /// <summary>Samples whose classifier argmax differs from the NCC decision.</summary>
    public long Nc4Mismatch { get; internal set; }

    /// <summary>Samples with a strictly positive margin.</summary>
    public long Correct { get; internal set; }

    /// <summary>min_i q_i (+∞ when none).</summary>
    public double MinMargin { get; internal set; } = double.PositiveInfinity;

    /// <summary>Σ_i ℓ_i (compensated).</summary>
    public NeumaierSum Loss;

    /// <summary>log Σ_i ℓ_i (log domain).</summary>
    public LogSumExpAccumulator LogLoss;

    /// <summary>log Σ_i Σ_{j≠y_i} exp(z_ij − z_{i,y_i}) (log domain; the smoothed margin is its negative).</summary>
    public LogSumExpAccumulator Smoothed;

    /// <summary>Σ_i ‖P(h_i − μ_{y_i})‖² (compensated), P = S⁻¹Vᵀ of the nc1 route.</summary>
    public NeumaierSum Nc1;

    /// <summary>Σ_i ‖h_i‖² of the rows as pass 2 saw them (×2^2e when rescaled, <see cref="EvaluationModel.ScaleExponent"/>; compensated).</summary>
    public NeumaierSum SquaredNorms;

    /// <summary>max_i ‖h_i‖ of the rows as pass 2 saw them (×2^e when rescaled).</summary>
    public double MaxNorm { get; internal set; }

    /// <summary>Samples whose nearest-centre decision needed the exact float64 recheck (top-2 gap inside the screening bound).</summary>
    public long NccRechecks { get; internal set; }

    /// <summary>Samples whose argmax or margin sign needed the exact logit recheck.</summary>
    public long LogitRechecks { get; internal set; }

    /// <summary>Adds <paramref name="other"/> (rows disjoint from these).</summary>
    public void Merge(SampleTotals other)
    {
        Count += other.Count;
        NccCorrect += other.NccCorrect;
        Nc4Mismatch += other.Nc4Mismatch;
        Correct += other.Correct;
        if (other.MinMargin < MinMargin) MinMargin = other.MinMargin;
        Loss.Merge(other.Loss);
        LogLoss.Merge(other.LogLoss);
        Smoothed.Merge(other.Smoothed);
        Nc1.Merge(other.Nc1);
        NccRechecks += other.NccRechecks;
        LogitRechecks += other.LogitRechecks;
        SquaredNorms.Merge(other.SquaredNorms);
        MaxNorm = Math.Max(MaxNorm, other.MaxNorm);
    }

    /// <summary>Restores totals from their parts (shard files).</summary>
    public static SampleTotals FromParts(long count, long nccCorrect, long nc4Mismatch, long correct, double minMargin,
        NeumaierSum loss, LogSumExpAccumulator logLoss, LogSumExpAccumulator smoothed, NeumaierSum nc1, long nccRechecks, long logitRechecks,
        NeumaierSum squaredNorms, double maxNorm) => new()
        {
            Count = count,
            NccCorrect = nccCorrect,
            Nc4Mismatch = nc4Mismatch,
            Correct = correct,
            MinMargin = minMargin,
            Loss = loss,
            LogLoss = logLoss,
            Smoothed = smoothed,
            Nc1 = nc1,
            NccRechecks = nccRechecks,
            LogitRechecks = logitRechecks,
            SquaredNorms = squaredNorms,
            MaxNorm = maxNorm,
        };
}
