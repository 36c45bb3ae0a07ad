using System.Globalization;
using Collapse.LeSde.Analysis;
using Collapse.LeSde.Model;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Output;

/// <summary>The plots of an LE-SDE trajectory (plain <see cref="PlotSpec"/> data; Collapse.Reports renders them).</summary>
public static class LeSdePlots
{
    /// <summary>Separation, separability, NC metrics and the rate t·γ_t against t.</summary>
    public static IReadOnlyList<PlotSpec> Of(IReadOnlyList<LeSdeSnapshot> rows, LeSdeConfig config)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(config);
        var s = config.Schedule;
        var schedule = $"α_t = {F(s.Intra)}·t^(−{F(s.Exponent)}), β_t = {F(s.Inter)}·t^(−{F(s.Exponent)}), γ_t = {s.RateClass}";
        var plots = new List<PlotSpec>
        {
            new("Separation of the classes", "t", "min distance of class means / (2·RMS radius)", true, true,
            [
                Series("separation ratio", rows, r => r.SeparationRatio, logY: true),
                new PlotSeries("1", [rows[0].Time, rows[^1].Time], [1, 1]) { Style = SeriesStyle.Dashed },
            ])
            {
                Caption = $"{schedule}, σ = {F(config.Noise)}: the distance between the closest class representatives over twice the within-class RMS radius. "
                          + "It grows without bound when γ_t = ω(1/t) and falls when γ_t = o(1/t) (noise σ√t dominates).",
            },
            new("NC metrics of the representatives", "t", "metric", true, true,
            [
                Series("nc1", rows, r => r.Nc1, logY: true),
                Series("nc1TraceRatio", rows, r => r.Nc1TraceRatio, logY: true),
                Series("cdnv", rows, r => r.Cdnv, logY: true),
                Series("etfGramError (centred)", rows, r => r.EtfGramError, logY: true),
                Series("normalised ETF error (uncentred)", rows, r => r.NormalisedEtfError, logY: true),
            ])
            {
                Caption = $"{schedule}, transform {config.Transform.ToString().ToLowerInvariant()}: within-class variability (nc1, cdnv) and the distance of the class representatives to a simplex ETF.",
            },
            new("Rate of the impact", "t", "t·γ_t", true, true, [Series("t·γ_t", rows, r => r.TimesGamma, logY: true)])
            {
                Caption = "t·γ_t → ∞ means γ_t = ω(1/t) (classes separate), → 0 means o(1/t) (they do not), constant means Θ(1/t).",
            },
        };
        if (rows.Any(r => r.SeparablePairs >= 0))
            plots.Insert(1, new PlotSpec("Linearly separable class pairs", "t", "fraction of pairs", true, false,
                [Series("separable pairs / K(K−1)/2", rows, r => r.SeparablePairs < 0 ? double.NaN : (double)r.SeparablePairs / r.Pairs, logY: false)])
            {
                Caption = "Exact pairwise linear separability of the simulated representatives at each logged time.",
            });
        return plots.Where(p => p.Series.Any(x => x.X.Count > 0)).ToList();
    }

    private static PlotSeries Series(string name, IReadOnlyList<LeSdeSnapshot> rows, Func<LeSdeSnapshot, double> value, bool logY)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var r in rows)
        {
            var y = value(r);
            if (!double.IsFinite(y) || (logY && y <= 0) || !(r.Time > 0)) continue;
            xs.Add(r.Time);
            ys.Add(y);
        }
        return new PlotSeries(name, xs, ys);
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
