using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>NC1 (and the other variance metrics) are never negative, even for nearly collapsed float32 features.</summary>
public sealed class MetricsNonNegativeClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc1-nonnegative", ClaimKind.Inequality)
    {
        Title = "NC1, its trace ratio and CDNV are never negative (also for nearly collapsed float32 features)",
        Statement =
            "For any features, (1/K)Tr(Σ_W Σ_B⁺) ≥ 0, Tr Σ_W/Tr Σ_B ≥ 0 and cdnv ≥ 0; checked on generic data and on collapsed " +
            "features plus noise η ∈ [1e-8, 1e-5] rounded to float32 (3 of 4 cases; there pinv-based code reports negative NC1: up " +
            "to 8 noise realizations are checked per case, stopping at the first on which the textbook float32 pseudo-inverse NC1 " +
            "is negative). Measured: −min of the three. Informative: the textbook float32 pseudo-inverse NC1 of the same features " +
            "is negative (a case where the naive computation fails); tightness: float32-pinv NC1 / NC1 (≈ 1 on generic features, " +
            "negative where the naive computation fails).",
        Source = "Derived (Tr(AB) ≥ 0 for PSD A, B); the negative pinv NC1 of public code (GitHub tding1/Neural-Collapse, issue 3)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Text("nc1", "collapse", "which NC1 is checked: collapse (Collapse's rank-(K−1) truncated float64 metric, the statement) or float32-pinv, the textbook "
                + "float32 pseudo-inverse NC1 of public code (falsifier: it goes negative on nearly collapsed features)", "collapse", "float32-pinv"),
        ],
        Falsifiers =
        [
            Falsifier.Of("float32-pinv-nc1", "NC1 computed as in public code: float32 Σ_W, Σ_B and an untruncated pseudo-inverse of Σ_B", ("nc1", "float32-pinv")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var textbook = p.Text("nc1") == "float32-pinv";
        return RunCases(p, context, 0, seed =>
        {
            var rng = new Random(seed);
            var nearlyCollapsed = rng.Next(4) != 0;
            var s = LabelledSample.Draw(rng, maxK, spread: 3, noise: nearlyCollapsed ? 0 : ClaimRandom.LogUniform(rng, 0.01, 10));
            var eta = ClaimRandom.LogUniform(rng, 1e-8, 1e-5);
            // Nearly collapsed: up to NoiseDraws float32 noise realizations, each checked, stopping at the first on which the
            // float32 pinv NC1 is negative (the adversarial instance: its sign is a coin flip per realization).
            var draws = nearlyCollapsed ? NoiseDraws : 1;
            CaseOutcome? outcome = null;
            for (var t = 0; t < draws; t++)
            {
                var x = nearlyCollapsed ? s.X.Select(v => (double)(float)(v + eta * ClaimRandom.Normal(rng))).ToArray() : s.X;
                var r = NcMetrics.Compute(x, s.Y, s.K, s.D);
                var pinv = Float32PinvNc1(x, s.Y, s.K, s.D);
                var nc1 = textbook ? pinv : r.Nc1!.Value;
                var min = Math.Min(nc1, Math.Min(r.Nc1TraceRatio ?? double.NaN, r.Cdnv ?? double.NaN));
                var o = CaseOutcome.AtMost(-min, 0,
                    $"{s} {(nearlyCollapsed ? $"nearly collapsed float32 (noise {CaseOutcome.F(eta)}, realization {t + 1}/{draws})" : "generic")}: " +
                    $"nc1 {CaseOutcome.F(nc1)}, ratio {CaseOutcome.F(r.Nc1TraceRatio ?? double.NaN)}, cdnv {CaseOutcome.F(r.Cdnv ?? double.NaN)}, float32-pinv nc1 {CaseOutcome.F(pinv)}")
                    with
                { Tightness = pinv / r.Nc1!.Value, Informative = pinv < 0 };
                if (outcome is null || o.Excess > outcome.Excess || (o.Informative == true && outcome.Informative != true)) outcome = o;
                if (o.Excess > 0 || pinv < 0) break;
            }
            return outcome!;
        });
    }

    /// <summary>Float32 noise realizations tried per nearly collapsed case.</summary>
    private const int NoiseDraws = 8;

    /// <summary>
    /// The textbook NC1 of public code: Σ_W, Σ_B and the trace in float32, Σ_B⁺ by an SVD pseudo-inverse with numpy's
    /// default cut-off 1e-15·σ_max (no rank-(K−1) truncation), so rounding noise in Σ_B's null space is inverted.
    /// </summary>
    private static double Float32PinvNc1(double[] x, int[] y, int k, int d)
    {
        var n = y.Length;
        var means = new float[k, d];
        var counts = new int[k];
        for (var i = 0; i < n; i++) { counts[y[i]]++; for (var j = 0; j < d; j++) means[y[i], j] += (float)x[i * d + j]; }
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) means[c, j] /= counts[c];
        var global = new float[d];
        for (var c = 0; c < k; c++) for (var j = 0; j < d; j++) global[j] += means[c, j] / k;
        var sw = new float[d, d];
        var sb = new float[d, d];
        var v = new float[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++) v[j] = (float)x[i * d + j] - means[y[i], j];
            for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) sw[a, b] += v[a] * v[b] / n;
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++) v[j] = means[c, j] - global[j];
            for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) sb[a, b] += v[a] * v[b] / k;
        }
        var svd = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.DenseOfArray(sb).Svd(true);
        var cut = 1e-15f * svd.S[0];
        var pinv = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.Dense(d, d);
        for (var s = 0; s < svd.S.Count; s++)
        {
            if (!(svd.S[s] > cut)) continue;
            for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) pinv[a, b] += svd.VT[s, a] * svd.U[b, s] / svd.S[s];
        }
        var trace = 0f;
        for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) trace += sw[a, b] * pinv[b, a];
        return trace / k;
    }
}
