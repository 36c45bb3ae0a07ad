using System.Globalization;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Experiments;

/// <summary>
/// NC1 decreases over training (Papyan, Han, Donoho 2020, Fig. 6: within-class variability collapses in TPT).
/// Measured: Spearman rank correlation ρ between epoch and train nc1 over the measured epochs. Holds when
/// ρ ≤ −0.5 and the last nc1 is below the first; fails when ρ ≥ +0.5 or the last nc1 exceeds the first by 10%;
/// inconclusive otherwise or with fewer than 3 measured epochs.
/// </summary>
public static class Nc1Trend
{
    /// <summary>Claim id.</summary>
    public const string ClaimId = "nc1-decreases";

    /// <summary>Judges the train-nc1 series of <paramref name="records"/>.</summary>
    public static ClaimResult Judge(IReadOnlyList<EpochRecord> records, IReadOnlyDictionary<string, string> parameters)
    {
        var points = records.Where(r => r.Train?.Nc1 is double v && double.IsFinite(v)).Select(r => (r.Epoch, Nc1: r.Train!.Nc1!.Value)).ToList();
        if (points.Count < 3)
            return new ClaimResult(ClaimId, parameters, double.NaN, -0.5, 0, Verdict.Inconclusive, 0, $"only {points.Count} measured epochs with nc1");
        var rho = Spearman(points.Select(p => (double)p.Epoch).ToArray(), points.Select(p => p.Nc1).ToArray());
        double first = points[0].Nc1, last = points[^1].Nc1;
        var verdict = rho <= -0.5 && last < first ? Verdict.Holds
            : rho >= 0.5 || last > 1.1 * first ? Verdict.Fails : Verdict.Inconclusive;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"train nc1 {first:G4} (epoch {points[0].Epoch}) → {last:G4} (epoch {points[^1].Epoch}), ratio {last / first:G3}; Spearman ρ(epoch, nc1) = {rho:F3} over {points.Count} epochs");
        return new ClaimResult(ClaimId, parameters, rho, -0.5, 0, verdict, 0, detail);
    }

    /// <summary>Spearman rank correlation (average ranks for ties).</summary>
    public static double Spearman(double[] x, double[] y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static double[] Ranks(double[] v)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            var r = (i + j) / 2.0 + 1;
            for (var t = i; t <= j; t++) ranks[order[t]] = r;
            i = j + 1;
        }
        return ranks;
    }
}
