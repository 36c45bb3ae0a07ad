using Collapse.LeSde.Model;
using Collapse.LeSde.Simulation;
using Collapse.Theory.Metrics;

namespace Collapse.LeSde.Analysis;

/// <summary>Measures a <see cref="LeSdeSnapshot"/> from a simulated state (NC metrics by Collapse.Theory's <see cref="NcMetrics"/>).</summary>
public static class LeSdeObservables
{
    /// <summary>Every observable of <paramref name="state"/>; the pairwise-separability LPs only when <paramref name="separability"/>.</summary>
    public static LeSdeSnapshot Measure(LeSdeState state, LeSdeConfig config, bool separability)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(config);
        int k = state.Classes, n = state.PerClass, m = state.Dim;
        var t = state.Time;
        var s = config.Schedule;
        var coefficient = Math.Min(s.Intra - s.Inter, s.Intra + (k - 1) * s.Inter);
        var finite = AllFinite(state.Features);
        // Equal class means (e.g. the between-class differences lost to rounding next to a much faster-growing
        // global mode just before a run overflows) leave the NC metrics undefined: NaN, not an exception.
        var report = finite && HasBetweenClassSpread(state.Means, k, m) ? NcMetrics.Compute(state.Features, state.Labels, k, m) : null;
        return new LeSdeSnapshot
        {
            Step = state.Step,
            Time = t,
            Alpha = s.Alpha(t),
            Beta = s.Beta(t),
            Gamma = s.Gamma(t, k),
            IntegratedGamma = coefficient * s.IntegratedRate(config.StartTime, t),
            MinMeanDistance = RepresentativeGeometry.MinMeanDistance(state.Means, k, m),
            WithinRms = RepresentativeGeometry.WithinRms(state.Features, state.Means, k, n, m),
            SeparablePairs = separability && finite ? PairwiseSeparability.SeparablePairs(state.Features, state.Means, k, n, m) : -1,
            Pairs = k * (k - 1) / 2,
            NormalisedEtfError = RepresentativeGeometry.NormalisedEtfError(state.Means, k, m),
            EtfGramError = report?.EtfGramError ?? double.NaN,
            Nc1 = report?.Nc1 ?? double.NaN,
            Nc1TraceRatio = report?.Nc1TraceRatio ?? double.NaN,
            Cdnv = report?.Cdnv ?? double.NaN,
            NccAccuracy = report?.NccAccuracy ?? double.NaN,
        };
    }

    private static bool HasBetweenClassSpread(ReadOnlySpan<double> means, int k, int m)
    {
        for (var c = 1; c < k; c++)
            for (var j = 0; j < m; j++)
                if (means[c * m + j] != means[j]) return true;
        return false;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
