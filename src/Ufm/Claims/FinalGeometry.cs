using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Geometry of the final iterate of a UFM run, computed directly from W and H in float64 (the claims' own
/// measurements, including the deliberately wrong variants their falsifiers ask for): centred class means, the ETF
/// Gram error against a target cosine, the mean pairwise cosine error, the self-duality gap and the h = c·w gap.
/// </summary>
internal static class FinalGeometry
{
    /// <summary>Row <paramref name="k"/> of a K×d row-major matrix.</summary>
    public static ReadOnlySpan<double> Row(double[] m, int d, int k) => m.AsSpan(k * d, d);

    /// <summary>Class means minus their (unweighted) average, K×d row-major (the M̃ of docs/conventions.md for balanced classes).</summary>
    public static double[] CentredMeans(UfmResult r)
    {
        int k = r.Classes, d = r.Dim;
        var means = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < r.Labels.Length; i++)
        {
            counts[r.Labels[i]]++;
            for (var j = 0; j < d; j++) means[r.Labels[i] * d + j] += r.H[i * d + j];
        }
        var global = new double[d];
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) { means[c * d + j] /= counts[c]; global[j] += means[c * d + j] / k; }
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) means[c * d + j] -= global[j];
        return means;
    }

    /// <summary>
    /// ‖G/‖G‖_F − T/‖T‖_F‖_F for the Gram matrix G = RRᵀ of the K rows of <paramref name="rows"/> (K×d) and the target
    /// T with unit diagonal and off-diagonal <paramref name="targetCosine"/>; with −1/(K−1) this is the etfGramError of
    /// docs/conventions.md (0 iff the rows are a simplex ETF up to scale).
    /// </summary>
    public static double GramError(double[] rows, int k, int d, double targetCosine)
    {
        var g = new double[k * k];
        double gn = 0, tn = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                double dot = 0;
                for (var j = 0; j < d; j++) dot += rows[a * d + j] * rows[b * d + j];
                g[a * k + b] = dot;
                gn += dot * dot;
                var t = a == b ? 1.0 : targetCosine;
                tn += t * t;
            }
        gn = Math.Sqrt(gn);
        tn = Math.Sqrt(tn);
        double err = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                var e = g[a * k + b] / gn - (a == b ? 1.0 : targetCosine) / tn;
                err += e * e;
            }
        return Math.Sqrt(err);
    }

    /// <summary>Mean over class pairs of |cos(r_a, r_b) − <paramref name="targetCosine"/>| (equiangularity for −1/(K−1)).</summary>
    public static double MeanCosineError(double[] rows, int k, int d, double targetCosine)
    {
        double sum = 0;
        var pairs = 0;
        for (var a = 0; a < k; a++)
            for (var b = a + 1; b < k; b++, pairs++)
            {
                double dot = 0, na = 0, nb = 0;
                for (var j = 0; j < d; j++) { dot += rows[a * d + j] * rows[b * d + j]; na += rows[a * d + j] * rows[a * d + j]; nb += rows[b * d + j] * rows[b * d + j]; }
                sum += Math.Abs(dot / Math.Sqrt(na * nb) - targetCosine);
            }
        return sum / pairs;
    }

    /// <summary>
    /// NC3 = ‖W/‖W‖_F − M̃/‖M̃‖_F‖_F² with classifier row k compared with the mean of class (k + <paramref name="shift"/>) mod K
    /// (shift 0 is NC3 of docs/conventions.md; a shift pairs each classifier with another class's mean).
    /// </summary>
    public static double SelfDuality(double[] w, double[] means, int k, int d, int shift)
    {
        double nw = 0, nm = 0;
        foreach (var v in w) nw += v * v;
        foreach (var v in means) nm += v * v;
        nw = Math.Sqrt(nw);
        nm = Math.Sqrt(nm);
        double s = 0;
        for (var c = 0; c < k; c++)
        {
            var m = (c + shift) % k;
            for (var j = 0; j < d; j++) { var e = w[c * d + j] / nw - means[m * d + j] / nm; s += e * e; }
        }
        return s;
    }

    /// <summary>
    /// max_i ‖h_i − c·w_{(y_i + shift) mod K}‖ / ‖c·w_{(y_i + shift) mod K}‖: 0 iff every feature is exactly c times its
    /// class's classifier row (shift 0; a shift compares each feature with another class's row).
    /// </summary>
    public static double FeatureClassifierGap(UfmResult r, double c, int shift)
    {
        int k = r.Classes, d = r.Dim;
        var worst = 0.0;
        for (var i = 0; i < r.Labels.Length; i++)
        {
            var row = (r.Labels[i] + shift) % k;
            double diff = 0, norm = 0;
            for (var j = 0; j < d; j++)
            {
                var target = c * r.W[row * d + j];
                var e = r.H[i * d + j] - target;
                diff += e * e;
                norm += target * target;
            }
            worst = Math.Max(worst, Math.Sqrt(diff / norm));
        }
        return worst;
    }
}
