using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Etf;

/// <summary>A simplex ETF has K−1 equal singular values √(K/(K−1)) and rank K−1.</summary>
public sealed class EtfSpectrumClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("etf-spectrum", ClaimKind.Identity)
    {
        Title = "A simplex ETF is a tight frame: K−1 singular values √(K/(K−1)), rank K−1",
        Statement =
            "The singular values of a K×d simplex ETF are √(K/(K−1)) with multiplicity K−1 and 0 for the rest (d ≥ K). " +
            "Measured: max deviation of the singular values from that spectrum.",
        Source = "Papyan, Han, Donoho 2020 (PNAS): the simplex ETF is a tight frame",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 64, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("rankOffset", 1, "the spectrum has K − rankOffset values √(K/(K−1)): 1 = the statement (rank K−1); 0 claims rank K (deliberately false variant, "
                + "falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("rank-k", "rank K (K singular values √(K/(K−1))) instead of K−1", ("rankOffset", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var rank = p.Int("rankOffset");
        return RunCases(p, context, 1e-11, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k - 1 + rng.Next(5);
            var sv = EtfDiagnostic.Of(SimplexEtf.Random(k, d, rng.Next())).SingularValues;
            var target = Math.Sqrt(k / (k - 1.0));
            var err = 0.0;
            for (var i = 0; i < sv.Length; i++) err = Math.Max(err, Math.Abs(sv[i] - (i < k - rank ? target : 0)));
            return CaseOutcome.Equal(err, 0, $"K={k} d={d}: σ_1 = {CaseOutcome.F(sv[0])}, σ_{k - 1} = {CaseOutcome.F(sv[k - 2])}, target {CaseOutcome.F(target)}, trailing "
                + $"{CaseOutcome.F(sv.Length >= k ? sv[k - 1] : 0)}");
        });
    }
}
