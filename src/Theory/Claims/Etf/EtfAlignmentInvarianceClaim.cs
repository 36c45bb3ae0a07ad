using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Etf;

/// <summary>Claims catalogue B3: rotation and relabelling leave the Gram-based NC metrics unchanged.</summary>
public sealed class EtfAlignmentInvarianceClaim : TheoryClaim
{
    /// <inheritdoc />
    public override string Id => "gram-metrics-alignment-invariant";
    /// <inheritdoc />
    public override string Title => "Gram-based NC metrics cannot see label permutations or rotations";
    /// <inheritdoc />
    public override string Source => "Claims catalogue B3 (derived); alignment variants of Gao et al. 2023 §5.2";
    /// <inheritdoc />
    public override string Statement =>
        "For any K×d matrix A (not only an ETF), orthogonal R and permutation π: etfGramError, equiangularity, maxAngle and " +
        "equinorm of the rows of π(A Rᵀ) equal those of A; an ETF stays an ETF (Gram error 0). Measured: the largest difference.";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Identity;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("maxClasses", 20));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var maxK = context.GetInt(this, "maxClasses");
        if (maxK < 2) throw new InputException("--param maxClasses must be >= 2");
        return RunCases(context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(5);
            var a = RandomOrthogonal.Gaussian(k, d, rng);
            var r = RandomOrthogonal.Haar(d, rng);
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
