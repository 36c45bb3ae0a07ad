using System.Globalization;
using System.Text;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>
/// Test-only claim: |⟨u,v⟩| ≤ c·‖u‖‖v‖ on random Gaussian u, v ∈ R^d. True for c = 1 (Cauchy–Schwarz); the
/// parameter <c>c</c> lets a test make it false (c = 0.5) and see a red section with the falsifying vectors.
/// </summary>
public sealed class CauchySchwarzClaim : Claim
{
    public override ClaimInfo Info { get; } = new("test-cauchy-schwarz", ClaimKind.Inequality)
    {
        Title = "Cauchy–Schwarz on random vectors",
        Source = "Cauchy 1821; Schwarz 1888 (test fixture)",
        Statement = "|⟨u,v⟩| ≤ c·‖u‖·‖v‖ for u, v ∈ R^d (true for c = 1).",
        Parameters = [
            ClaimParameter.Real("c", 1, "constant in front of ‖u‖‖v‖: 1 = Cauchy–Schwarz; 0.5 is a false variant"),
            ClaimParameter.Int("d", 8, "dimension", min: 1, max: 10000),
        ],
        Falsifiers = [Falsifier.Of("constant-halved", "the constant c = 1/2 instead of 1", ("c", "0.5"))],
    };

    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var c = p.Real("c");
        var d = p.Int("d");
        const double tol = 1e-12;
        var ratios = new double[context.Cases];
        var index = new double[context.Cases];
        double worst = double.NegativeInfinity;
        int worstCase = 0;
        double[]? worstU = null, worstV = null;
        for (var i = 0; i < context.Cases; i++)
        {
            var rng = new Random(context.CaseSeed(i));
            var u = Gaussian(rng, d);
            var v = Gaussian(rng, d);
            double dot = 0, nu = 0, nv = 0;
            for (var j = 0; j < d; j++) { dot += u[j] * v[j]; nu += u[j] * u[j]; nv += v[j] * v[j]; }
            var ratio = Math.Abs(dot) / Math.Sqrt(nu * nv);
            ratios[i] = ratio;
            index[i] = i;
            if (ratio > worst) { worst = ratio; worstCase = i; worstU = u; worstV = v; }
        }
        var holds = worst <= c + tol;
        var parameters = new Dictionary<string, string>
        {
            ["c"] = c.ToString(CultureInfo.InvariantCulture),
            ["d"] = d.ToString(CultureInfo.InvariantCulture),
            ["cases"] = context.Cases.ToString(CultureInfo.InvariantCulture),
        };
        var seed = context.CaseSeed(worstCase);
        var detail = holds
            ? $"max over {context.Cases} cases of |⟨u,v⟩|/(‖u‖‖v‖) = {worst:G6} ≤ c = {c}"
            : $"case {worstCase} (seed {seed}): |⟨u,v⟩|/(‖u‖‖v‖) = {worst:G6} > c = {c}";
        var result = new ClaimResult(Info.Id, parameters, worst, c, tol, holds ? Verdict.Holds : Verdict.Fails, seed, detail);
        string? instance = null;
        if (!holds)
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"case {worstCase}, seed {seed}, d = {d}");
            sb.AppendLine("u = [" + string.Join(", ", worstU!.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]");
            sb.AppendLine("v = [" + string.Join(", ", worstV!.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]");
            sb.Append(CultureInfo.InvariantCulture, $"|⟨u,v⟩|/(‖u‖‖v‖) = {worst:R} > c = {c}");
            instance = sb.ToString();
        }
        var plot = new PlotSpec("|⟨u,v⟩|/(‖u‖‖v‖) per case", "case", "ratio", false, false,
            [new PlotSeries("ratio", index, ratios) { Style = SeriesStyle.Points },
             new PlotSeries("bound c", [0.0, Math.Max(1, context.Cases - 1)], [c, c]) { Style = SeriesStyle.Dashed }]);
        return new ClaimEvidence(result) { Plots = [plot], FalsifyingInstance = instance };
    }

    private static double[] Gaussian(Random rng, int d)
    {
        var x = new double[d];
        for (var j = 0; j < d; j++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            x[j] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return x;
    }
}
