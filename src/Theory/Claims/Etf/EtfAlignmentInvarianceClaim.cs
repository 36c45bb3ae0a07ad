using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Rotation and relabelling leave the Gram-based NC metrics unchanged.</summary>
public sealed class EtfAlignmentInvarianceClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("gram-metrics-alignment-invariant", ClaimKind.Identity)
    {
        Title = "Gram-based NC metrics cannot see label permutations or rotations",
        Statement =
            "For any K×d matrix A (not only an ETF), orthogonal R and permutation π: etfGramError, equiangularity, maxAngle and " +
            "equinorm of the rows of π(A Rᵀ) equal those of A; an ETF stays an ETF (Gram error 0). Measured: the largest difference.",
        Source = "Derived; the label–vertex alignments (permutations, rotations) of Gao et al. 2023",
        References = ["gao2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 20, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Text("map", "orthogonal", "the map R applied to the rows: orthogonal (the statement) or gaussian, a generic invertible map (deliberately false variant, "
                + "falsifier)", "orthogonal", "gaussian"),
        ],
        Falsifiers =
        [
            Falsifier.Of("gaussian-map", "a generic (Gaussian) linear map of the rows instead of a rotation", ("map", "gaussian")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var gaussian = p.Text("map") == "gaussian";
        return RunCases(p, context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(5);
            var a = RandomOrthogonal.Gaussian(k, d, rng);
            var r = RandomOrthogonal.Haar(d, rng);
            if (gaussian) r = RandomOrthogonal.Gaussian(d, d, rng);
            var pi = Permutations.Random(k, rng.Next());
            var b = SimplexEtf.Permute(SimplexEtf.Rotate(a, r), pi);
            var (angA, maxA) = Equiangularity.OfRows(a);
            var (angB, maxB) = Equiangularity.OfRows(b);
            var etf = SimplexEtf.Random(k, d, rng.Next());
            var moved = SimplexEtf.Permute(SimplexEtf.Rotate(etf, r), pi);
            var err = new[]
            {
                Math.Abs(EtfGramError.OfRows(a) - EtfGramError.OfRows(b)), Math.Abs(angA - angB), Math.Abs(maxA - maxB),
                Math.Abs(Equinorm.OfRows(a) - Equinorm.OfRows(b)), EtfDiagnostic.Of(moved).GramError,
            }.Max();
            return CaseOutcome.Equal(err, 0, $"K={k} d={d} π=[{string.Join(",", pi)}]: etfGramError {CaseOutcome.F(EtfGramError.OfRows(a))} → {CaseOutcome.F(EtfGramError.OfRows(b))}");
        });
    }
}
