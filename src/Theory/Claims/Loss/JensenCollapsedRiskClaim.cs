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
    public override string Id => "jensen-collapsed-risk";
    /// <inheritdoc />
    public override string Title => "Collapsing each class onto its mean never increases a convex risk: R(M) ≤ R(H) for CE and MSE";
    /// <inheritdoc />
    public override string Source => "E & Wojtowytsch 2020, arXiv 2012.05420 (Mathematical and Scientific Machine Learning), \"On the emergence of simplex symmetry in the final and penultimate layers of neural network classifiers\" (Jensen step) [derived]";
    /// <inheritdoc />
    public override string Statement =>
        "For a linear classifier z = W h + b, any labels (imbalanced allowed) and a loss ℓ(z, y) convex in z: "
        + "R(M) = Σ_k (n_k/N) ℓ(W μ_k + b, k) ≤ R(H) = (1/N) Σ_i ℓ(W h_i + b, y_i), with μ_k the class means. Checked for `losses` "
        + "(ce = cross-entropy, mse = ½‖z − e_y‖²; alternating by case) in the log domain on random instances (K ≤ 10, d ≤ 20, n_k ≤ 40, "
        + "logit scales 1e-2…1e2, within-class spread 1e-2…3 of the class-centre scale). Measured R(M)/R(H) ≤ 1; informative: ratio ≥ 0.5. "
        + "False variants (falsifiers): collapseTo = global (every feature replaced by the global mean) and losses = errorProbability "
        + "(1 − softmax_y, not convex).";
    /// <inheritdoc />
    public override ClaimKind Kind => ClaimKind.Inequality;
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultParameters { get; } = Params(("losses", "ce,mse"), ("collapseTo", "class"));

    /// <inheritdoc />
    public override ClaimResult Check(ClaimContext context)
    {
        var losses = ParseLosses(context.Raw(this, "losses"));
        var toGlobal = context.Raw(this, "collapseTo").Trim().ToLowerInvariant() switch
        {
            "class" => false,
            "global" => true,
            var other => throw new InputException($"--param collapseTo={other}: expected class (the statement) or global (false variant)"),
        };
        var tally = new CaseTally();
        var result = RunCases(context, Tolerance, seed =>
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
            tally.Add(ratio, 1, ratio >= 0.5);
            return new CaseOutcome(ratio, 1, double.IsNaN(ratio) ? double.PositiveInfinity : double.ExpM1(logCollapsed - logOriginal),
                $"{description}, loss {name}: log R(H) = {CaseOutcome.F(logOriginal)}, log R(M) = {CaseOutcome.F(logCollapsed)}{(toGlobal ? " (global mean)" : "")}, R(M)/R(H) = {CaseOutcome.F(ratio)}");
        });
        return result with { Detail = result.Detail + "; " + tally.Summary() };
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
                _ => throw new InputException($"--param losses={raw}: '{part}' is not ce, mse or errorProbability (false variant)"),
            });
        if (list.Count == 0) throw new InputException($"--param losses={raw}: at least one loss");
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
