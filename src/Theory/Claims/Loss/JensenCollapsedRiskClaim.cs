using Collapse.Theory.Loss;
using Collapse.Theory.Metrics;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Claims.Loss;

/// <summary>
/// Replacing each class's features by their class mean never increases a convex risk (Jensen's inequality per class;
/// the step behind E &amp; Wojtowytsch 2020/2022, "On the emergence of simplex symmetry in the final and penultimate
/// layers of neural network classifiers"), for cross-entropy and the squared error (<see cref="CollapsedRisk"/>).
/// </summary>
public sealed class JensenCollapsedRiskClaim : TheoryClaim
{
    /// <summary>Relative tolerance on R(M)/R(H) − 1 (the log-domain risks are accurate to ≈ 1e-15 relative).</summary>
    public const double Tolerance = 1e-12;

    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("jensen-collapsed-risk", ClaimKind.Inequality)
    {
        Title = "Collapsing each class onto its mean never increases a convex risk: R(M) ≤ R(H) for CE and MSE",
        Statement =
            "[derived] For a linear classifier z = W h + b, any labels (imbalanced allowed) and a loss ℓ(z, y) convex in z: "
            + "R(M) = Σ_k (n_k/N) ℓ(W μ_k + b, k) ≤ R(H) = (1/N) Σ_i ℓ(W h_i + b, y_i), with μ_k the class means (Jensen's inequality per class). "
            + "Checked for `losses` (ce = cross-entropy, mse = ½‖z − e_y‖²; alternating by case) in the log domain on random instances (K ≤ 10, "
            + "d ≤ 20, n_k ≤ 40, logit scales 1e-2…1e2, within-class spread 1e-2…3 of the class-centre scale): R(M)/R(H) − 1 ≤ 1e-12. "
            + "Tightness: R(M)/R(H); informative: R(M)/R(H) ≥ 0.5 (the collapse gain is not the whole risk).",
        Source = "E & Wojtowytsch 2020/2022 (MSML; arXiv 2012.05420), \"On the emergence of simplex symmetry in the final and penultimate layers of "
                 + "neural network classifiers\": the Jensen step of their argument [derived here, not quoted]",
        References = ["ewojtowytsch2022", "hui2021"],
        Parameters =
        [
            ClaimParameter.Text("losses", "ce,mse", "comma-separated losses checked, alternating by case: ce, mse (the statement); errorProbability = 1 − softmax_y, not convex (deliberately "
                + "false variant, falsifier)"),
            ClaimParameter.Text("collapseTo", "class", "what the features are replaced by: class = their class means (the statement); global = the global mean (deliberately false variant, "
                + "falsifier)", "class", "global"),
        ],
        Falsifiers =
        [
            Falsifier.Of("collapse-to-global-mean", "every feature replaced by the global mean instead of its class mean", ("collapseTo", "global")),
            Falsifier.Of("non-convex-loss", "the error probability 1 − softmax_y(z), which is not convex in z, instead of a convex loss", ("losses", "errorProbability")),
        ],
    };

    /// <inheritdoc />
    protected override void Validate(ClaimParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = parameters.Text("losses").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        parameters.Require(parts.Length > 0 && parts.All(part => LossNames.Contains(part, StringComparer.Ordinal)), "losses",
            "a comma-separated list of " + string.Join(", ", LossNames));
    }

    private static readonly string[] LossNames = ["ce", "mse", "errorProbability"];

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var losses = ParseLosses(p.Text("losses"));
        var toGlobal = p.Text("collapseTo") == "global";
        return RunCases(p, context, Tolerance, seed =>
        {
            var rng = new Random(seed);
            var (name, logLoss) = losses[(int)((uint)seed % (uint)losses.Count)];
            var (x, y, k, d, classifier, description) = Draw(rng);
            var stats = ClassStatisticsAccumulator.Of(x, y, k, d, trackScatter: false);
            var logOriginal = CollapsedRisk.LogRisk(x, y, classifier, logLoss);
            var logCollapsed = toGlobal
                ? CollapsedRisk.LogRisk(GlobalMeanRows(x, y.Length, d), y, classifier, logLoss)
                : CollapsedRisk.LogCollapsedRisk(stats, classifier, logLoss);
            var ratio = Math.Exp(logCollapsed - logOriginal);
            return new CaseOutcome(ratio, 1, double.IsNaN(ratio) ? double.PositiveInfinity : double.ExpM1(logCollapsed - logOriginal),
                $"{description}, loss {name}: log R(H) = {CaseOutcome.F(logOriginal)}, log R(M) = {CaseOutcome.F(logCollapsed)}{(toGlobal ? " (global mean)" : "")}, R(M)/R(H) = "
                    + $"{CaseOutcome.F(ratio)}")
            {
                Tightness = ratio,
                Informative = ratio >= 0.5,
            };
        });
    }

    private static List<(string Name, LogLossFunction Loss)> ParseLosses(string raw)
    {
        var list = new List<(string, LogLossFunction)>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(part.ToLowerInvariant() switch
            {
                "ce" => ("ce", CollapsedRisk.LogLoss(RiskLoss.CrossEntropy)),
                "mse" => ("mse", CollapsedRisk.LogLoss(RiskLoss.SquaredError)),
                "errorprobability" => ("errorProbability", LogErrorProbability),
                _ => throw new InvalidOperationException($"losses: '{part}' passed Validate"),
            });
        return list;
    }

    /// <summary>log(1 − softmax_y(z)) = a − softplus(a), a = LSE_{j≠y}(z_j − z_y): not convex in z.</summary>
    private static double LogErrorProbability(ReadOnlySpan<double> z, int y)
    {
        var a = CrossEntropy.InnerLogSum(z, y);
        return a - LogSumExp.Softplus(a);
    }

    private static double[] GlobalMeanRows(double[] x, int n, int d)
    {
        var mean = new double[d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
        var rows = new double[n * d];
        for (var i = 0; i < n; i++) mean.CopyTo(rows, i * d);
        return rows;
    }

    private static (double[] X, int[] Y, int K, int D, Classifier W, string Description) Draw(Random rng)
    {
        var k = 2 + rng.Next(9);
        var d = 1 + rng.Next(20);
        var counts = new int[k];
        for (var c = 0; c < k; c++) counts[c] = 1 + rng.Next(40);
        var n = counts.Sum();
        var centreScale = ClaimRandom.LogUniform(rng, 0.1, 10);
        var spread = ClaimRandom.LogUniform(rng, 1e-2, 3) * centreScale;
        var x = new double[n * d];
        var y = new int[n];
        var row = 0;
        var centre = new double[d];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++) centre[j] = centreScale * ClaimRandom.Normal(rng);
            for (var i = 0; i < counts[c]; i++, row++)
            {
                y[row] = c;
                for (var j = 0; j < d; j++) x[row * d + j] = centre[j] + spread * ClaimRandom.Normal(rng);
            }
        }
        var logitScale = ClaimRandom.LogUniform(rng, 1e-2, 1e2) / (centreScale * Math.Sqrt(d));
        var w = Matrix<double>.Build.Dense(k, d, (_, _) => logitScale * ClaimRandom.Normal(rng));
        var bias = rng.Next(2) == 0 ? null : Vector<double>.Build.Dense(k, _ => ClaimRandom.Normal(rng));
        var description = $"K={k} d={d} N={n} (n_k {counts.Min()}…{counts.Max()}), centre scale {CaseOutcome.F(centreScale)}, spread {CaseOutcome.F(spread)}, "
                          + $"logit scale {CaseOutcome.F(logitScale * centreScale * Math.Sqrt(d))}{(bias is null ? "" : ", with bias")}";
        return (x, y, k, d, new Classifier(w, bias), description);
    }
}
