using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>The feature-only NC metrics are invariant under h ↦ cQh + t.</summary>
public sealed class SimilarityInvarianceClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc-metrics-similarity-invariant", ClaimKind.Identity)
    {
        Title = "NC1, trace ratio, CDNV and the NC2 metrics are invariant under similarity maps of the features",
        Statement =
            "For c ≠ 0, orthogonal Q and shift t: nc1 = (1/K)Tr(Σ_W Σ_B⁺), nc1TraceRatio, cdnv, equinormMeans, equiangularity, " +
            "maxAngle and etfGramError of {cQh_i + t} equal those of {h_i} (relative tolerance 1e-8; values below 1e-4 compared with absolute tolerance 1e-12). Measured: the largest relative change.",
        Source = "Derived (NC1 in the pseudo-inverse form of Papyan et al. 2020; CDNV of Galanti et al. 2022)",
        References = ["papyan2020", "galanti2022"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Text("map", "similarity", "the map of the features: similarity h ↦ cQh + t (the statement) or anisotropic h ↦ cDQh + t with a random diagonal D "
                + "(deliberately false variant, falsifier)", "similarity", "anisotropic"),
        ],
        Falsifiers =
        [
            Falsifier.Of("anisotropic-map", "an anisotropic map cDQh + t (random diagonal D) instead of a similarity", ("map", "anisotropic")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var anisotropic = p.Text("map") == "anisotropic";
        return RunCases(p, context, 1e-8, seed =>
        {
            var rng = new Random(seed);
            var s = LabelledSample.Draw(rng, maxK);
            var q = RandomOrthogonal.Haar(s.D, rng);
            var c = ClaimRandom.LogUniform(rng, 0.01, 100) * (rng.Next(2) == 0 ? -1 : 1);
            var t = Enumerable.Range(0, s.D).Select(_ => 10 * ClaimRandom.Normal(rng)).ToArray();
            var scale = anisotropic ? Enumerable.Range(0, s.D).Select(_ => ClaimRandom.LogUniform(rng, 0.1, 10)).ToArray() : null;
            var x2 = new double[s.X.Length];
            for (var i = 0; i < s.N; i++)
                for (var a = 0; a < s.D; a++)
                {
                    var v = 0.0;
                    for (var b = 0; b < s.D; b++) v += q[a, b] * s.X[i * s.D + b];
                    x2[i * s.D + a] = c * (scale is null ? v : scale[a] * v) + t[a];
                }
            var r1 = NcMetrics.Compute(s.X, s.Y, s.K, s.D);
            var r2 = NcMetrics.Compute(x2, s.Y, s.K, s.D);
            var pairs = new (string, double, double)[]
            {
                ("nc1", r1.Nc1!.Value, r2.Nc1!.Value), ("nc1TraceRatio", (r1.Nc1TraceRatio ?? double.NaN), (r2.Nc1TraceRatio ?? double.NaN)),
                ("cdnv", (r1.Cdnv ?? double.NaN), (r2.Cdnv ?? double.NaN)),
                ("equinormMeans", (r1.EquinormMeans ?? double.NaN), (r2.EquinormMeans ?? double.NaN)), ("equiangularity", (r1.Equiangularity ?? double.NaN), (r2.Equiangularity ?? double.NaN)),
                ("maxAngle", (r1.MaxAngle ?? double.NaN), (r2.MaxAngle ?? double.NaN)), ("etfGramError", (r1.EtfGramError ?? double.NaN), (r2.EtfGramError ?? double.NaN)),
            };
            var (name, a1, a2) = pairs.MaxBy(p => Rel(p.Item2, p.Item3));
            return new CaseOutcome(a2, a1, Rel(a1, a2), $"{s} c={CaseOutcome.F(c)}: largest relative change in {name}: {CaseOutcome.F(a1)} → {CaseOutcome.F(a2)}");
        });
    }

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(1e-4, Math.Max(Math.Abs(a), Math.Abs(b))); // values below 1e-4 are compared absolutely
}
