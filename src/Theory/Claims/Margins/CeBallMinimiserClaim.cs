using Collapse.Theory.Loss;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims.Margins;

/// <summary>The CE minimiser over the logit ball ‖z‖ ≤ r is the simplex vertex r√(K/(K−1))(e_y − 1/K).</summary>
public sealed class CeBallMinimiserClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ce-ball-minimiser", ClaimKind.Inequality)
    {
        Title = "On ‖z‖ ≤ r the CE is minimised by the simplex vertex, with value log(1 + (K−1)e^{−r√(K/(K−1))})",
        Statement =
            "f* = min_{‖z‖≤r} CE(z, y) = log(1 + (K−1)exp(−r√(K/(K−1)))), attained at z* = r√(K/(K−1))(e_y − 1/K). Checked in the " +
            "log domain: |log CE(z*) − log f*| and log f* − log CE(z) for 200 random z in the ball (some near z*). Measured: the " +
            "larger, relative to max(1, |log f*|). Informative: some sampled z reaches CE(z) ≤ 1.01·f* (the ball is searched close enough to the minimum that a minimum value off by more than "
                + "1 % would be seen); tightness: f* / min over the sampled z of CE(z) (≤ 1).",
        Source = "Derived; the lemma behind E & Wojtowytsch 2022",
        References = ["ewojtowytsch2022"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 50, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Real("vertexPower", 1, "the vertex scale is r·(K/(K−1))^(vertexPower/2): 1 = the statement; 0 drops the factor √(K/(K−1)) (deliberately false variant, falsifier)"),
        ],
        Falsifiers =
        [
            Falsifier.Of("vertex-scale-r", "the vertex scale r instead of r√(K/(K−1)) (a point inside the ball, not on it)", ("vertexPower", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var power = p.Real("vertexPower");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var r = ClaimRandom.LogUniform(rng, 1e-2, 1e3);
            var y = rng.Next(k);
            var a = power == 1 ? r * Math.Sqrt(k / (k - 1.0)) : r * Math.Pow(k / (k - 1.0), power / 2);
            var logF = LogSumExp.LogSoftplus(Math.Log(k - 1) - a);
            var zs = new double[k];
            for (var j = 0; j < k; j++) zs[j] = a * ((j == y ? 1 : 0) - 1.0 / k);
            var att = Math.Abs(CrossEntropy.LogSample(zs, y) - logF);
            var worst = double.NegativeInfinity;
            var z = new double[k];
            for (var t = 0; t < 200; t++)
            {
                ClaimRandom.UnitVector(rng, z);
                if (t % 4 == 0) // near the optimum
                {
                    var eps = ClaimRandom.LogUniform(rng, 1e-6, 1);
                    for (var j = 0; j < k; j++) z[j] = zs[j] / r + eps * z[j];
                    var nz = Math.Sqrt(z.Sum(v => v * v));
                    for (var j = 0; j < k; j++) z[j] /= nz;
                }
                var rad = r * Math.Pow(rng.NextDouble(), 1.0 / k);
                for (var j = 0; j < k; j++) z[j] *= rad;
                worst = Math.Max(worst, logF - CrossEntropy.LogSample(z, y));
            }
            var e = Math.Max(att, worst) / Math.Max(1, Math.Abs(logF));
            return new CaseOutcome(e, 0, e, $"K={k} r={CaseOutcome.F(r)}: log f* = {CaseOutcome.F(logF)}, |log CE(z*) − log f*| = {CaseOutcome.F(att)}, worst log f* − log CE(z) = "
                + $"{CaseOutcome.F(worst)}")
            {
                Tightness = Math.Exp(worst),
                Informative = worst >= -Math.Log(1.01),
            };
        });
    }
}
