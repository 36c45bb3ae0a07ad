using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Coverage experiment for the margin bounds on a synthetic <see cref="GaussianMixture"/>: for each trial draw a
/// training sample S, fit the linear scorer w_k = B·(μ̂_k − μ̂_G)/‖μ̂_k − μ̂_G‖ (any h with ‖w_k‖ ≤ B is covered by the
/// uniform-over-H bounds), evaluate the bound on S, estimate the test error on a fresh sample, and count violations.
/// A valid (1 − δ) bound is violated in at most a fraction δ of the trials, up to the test-error estimation error.
/// </summary>
public static class MarginBoundCoverage
{
    /// <summary>Number of points of the γ grid r·2^{−j/4}, j = 0..GridSize−1, searched by the uniform bounds.</summary>
    public const int GridSize = 64;

    /// <summary>Runs <paramref name="trials"/> independent trials (trial t uses seed <paramref name="seed"/> + t).</summary>
    public static CoverageReport Run(GaussianMixture task, CoverageSettings settings, int trials, int seed)
    {
        Require.AtLeast(trials, 1, "trials");
        var list = new List<CoverageTrial>(trials);
        for (var t = 0; t < trials; t++) list.Add(Trial(task, settings, unchecked(seed + t)));
        return new CoverageReport(settings, list);
    }

    /// <summary>One trial: the bound evaluated on a fresh training sample, and the test error of the fitted scorer.</summary>
    public static CoverageTrial Trial(GaussianMixture task, CoverageSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        Require.AtLeast(settings.TrainSize, task.Classes, "trainSize");
        Require.AtLeast(settings.TestSize, 1, "testSize");
        Require.Positive(settings.NormBound, "normBound");
        var rng = new Random(seed);
        var (x, y) = task.Sample(settings.TrainSize, rng);
        var scorer = LinearScorer.FitCentredMeans(x, y, task.Classes, task.Dim, settings.NormBound);
        var bound = Evaluate(task, settings, scorer, x, y);
        var (xt, yt) = task.Sample(settings.TestSize, rng);
        if (settings.ShiftTestLabels)
            for (var i = 0; i < yt.Length; i++) yt[i] = (yt[i] + 1) % task.Classes;
        return new CoverageTrial(bound, MarginLoss.ZeroOneRisk(LinearScorer.Margins(scorer, xt, yt)));
    }

    private static BoundEvaluation Evaluate(GaussianMixture task, CoverageSettings s, Classifier scorer, double[] x, int[] y)
    {
        var m = y.Length;
        var k = task.Classes;
        switch (s.Kind)
        {
            case MarginBoundKind.FixedMarginEmpirical:
                {
                    var q = LinearScorer.Margins(scorer, x, y);
                    var rad = s.DropComplexity ? 0 : LinearRademacher.AnalyticBound(x, task.Dim, s.NormBound);
                    return MulticlassMarginBound.EvaluateEmpirical(MarginLoss.EmpiricalMarginRisk(q, s.Gamma), k, s.Gamma, rad, m, s.Delta);
                }
            case MarginBoundKind.UniformMargin:
                {
                    var radius = RequireClipped(task);
                    var r = 2 * s.NormBound * radius;
                    var q = LinearScorer.Margins(scorer, x, y);
                    var rad = s.DropComplexity ? 0 : LinearRademacher.AnalyticBound(s.NormBound, radius, m);
                    var grid = Grid(r);
                    var risks = MarginLoss.EmpiricalMarginRisks(q, grid);
                    BoundEvaluation? best = null;
                    for (var g = 0; g < grid.Length; g++)
                    {
                        var b = UniformMarginBound.Evaluate(Math.Min(1, risks[g]), k, grid[g], rad, m, s.Delta, r);
                        if (best is null || b.Value < best.Value) best = b;
                    }
                    return best!;
                }
            case MarginBoundKind.ClassPair:
                {
                    var r = 2 * s.NormBound * RequireClipped(task);
                    var counts = new int[k];
                    foreach (var label in y) counts[label]++;
                    var classRad = new double[k];
                    for (var a = 0; a < k; a++)
                    {
                        if (counts[a] == 0) throw new InputException($"trainSize {m}: class {a} has no training sample");
                        classRad[a] = s.DropComplexity ? 0 : LinearRademacher.AnalyticBound(s.NormBound, task.ClassSupportRadius(a), counts[a]);
                    }
                    var gammas = Matrix<double>.Build.Dense(k, k, 1.0);
                    var risks = Matrix<double>.Build.Dense(k, k);
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                        {
                            if (a == b) continue;
                            var scores = LinearScorer.PairScores(scorer, x, y, a, b);
                            var grid = Grid(r);
                            var curve = MarginLoss.EmpiricalMarginRisks(scores, grid);
                            var bestTerm = double.PositiveInfinity;
                            for (var g = 0; g < grid.Length; g++)
                            {
                                var risk = Math.Min(1, curve[g]);
                                var term = ClassPairMarginBound.PairTerm(risk, grid[g], classRad[a], counts[a], k, r, s.Delta);
                                if (term < bestTerm) { bestTerm = term; gammas[a, b] = grid[g]; risks[a, b] = risk; }
                            }
                        }
                    return ClassPairMarginBound.Evaluate(gammas, classRad, counts, task.Priors(), r, s.Delta, risks);
                }
            default:
                throw new InputException($"kind: unknown margin bound {s.Kind}");
        }
    }

    private static double[] Grid(double r)
    {
        var g = new double[GridSize];
        for (var j = 0; j < GridSize; j++) g[j] = r * Math.Pow(2, -j / 4.0);
        return g;
    }

    private static double RequireClipped(GaussianMixture task)
    {
        var radius = task.SupportRadius();
        if (double.IsPositiveInfinity(radius))
            throw new InputException("clipRadius: the uniform and class-pair bounds need a bounded support (a clipped mixture)");
        return radius;
    }
}
