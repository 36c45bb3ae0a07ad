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
        // Equal class means (every representative at the origin, or the between-class differences lost to rounding
        // next to a much faster-growing global mode just before a run overflows) leave the angle metrics undefined:
        // the engine reports them as NaN with a reason, never an exception.
        var report = finite ? NcMetrics.Compute(state.Features, state.Labels, k, m) : null;
        var minDistance = RepresentativeGeometry.MinMeanDistance(state.Means, k, m);
        var withinRms = RepresentativeGeometry.WithinRms(state.Features, state.Means, k, n, m);
        var normalisedEtf = RepresentativeGeometry.NormalisedEtfError(state.Means, k, m);
        var undefined = new Dictionary<string, string>();
        if (report is not null)
            foreach (var (key, reason) in report.Undefined)
                if (key is "etfGramError" or "nc1" or "nc1TraceRatio" or "cdnv") undefined[key] = reason;
        if (!finite) undefined["separationRatio"] = undefined["normalisedEtfError"] = NotFinite;
        else
        {
            if (!(withinRms > 0)) undefined["separationRatio"] = minDistance > 0 ? WithinZero : MeansAndWithinZero;
            if (double.IsNaN(normalisedEtf)) undefined["normalisedEtfError"] = AtOrigin;
        }
        return new LeSdeSnapshot
        {
            Step = state.Step,
            Time = t,
            Alpha = s.Alpha(t),
            Beta = s.Beta(t),
            Gamma = s.Gamma(t, k),
            IntegratedGamma = coefficient * s.IntegratedRate(config.StartTime, t),
            MinMeanDistance = minDistance,
            WithinRms = withinRms,
            SeparablePairs = separability && finite ? PairwiseSeparability.SeparablePairs(state.Features, state.Means, k, n, m) : -1,
            Pairs = k * (k - 1) / 2,
            NormalisedEtfError = normalisedEtf,
            EtfGramError = report?.EtfGramError ?? double.NaN,
            Nc1 = report?.Nc1 ?? double.NaN,
            Nc1TraceRatio = report?.Nc1TraceRatio ?? double.NaN,
            Cdnv = report?.Cdnv ?? double.NaN,
            NccAccuracy = report?.NccAccuracy ?? double.NaN,
            Undefined = undefined.Count == 0 ? MetricUndefined.None : undefined,
        };
    }

    /// <summary>Reason: the state holds ±∞ or NaN (a diverged run).</summary>
    public const string NotFinite = "the state is not finite";

    /// <summary>Reason: every representative sits on its class mean (0/0 or d/0 in the separation ratio).</summary>
    public const string WithinZero = "every representative sits on its class mean (zero within-class spread)";

    /// <summary>Reason: all class means coincide and every representative sits on them.</summary>
    public const string MeansAndWithinZero = "all class means coincide and every representative sits on them";

    /// <summary>Reason: a class mean is at the origin (its direction is undefined).</summary>
    public const string AtOrigin = "a class mean is at the origin";

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
