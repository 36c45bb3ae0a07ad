using Collapse.Theory.Claims;
using Collapse.Theory.Claims.Loss;
using Collapse.Theory.Loss;
using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Loss;

public class CollapsedRiskTests
{
    private static (double[] X, int[] Y, Classifier W) Instance(int seed, double logitScale, double spread)
    {
        var rng = new Random(seed);
        const int k = 4, d = 3, n = 7;
        var x = new double[k * n * d];
        var y = new int[k * n];
        for (var c = 0; c < k; c++)
        {
            var centre = Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            for (var i = 0; i < n; i++)
            {
                y[c * n + i] = c;
                for (var j = 0; j < d; j++) x[(c * n + i) * d + j] = centre[j] + spread * (rng.NextDouble() - 0.5);
            }
        }
        var w = Matrix<double>.Build.Dense(k, d, (_, _) => logitScale * (rng.NextDouble() - 0.5));
        return (x, y, new Classifier(w, Vector<double>.Build.Dense(k, i => 0.1 * i)));
    }

    [Fact]
    public void SquaredErrorGapIsHalfTheWithinClassVarianceOfTheLogits()
    {
        // R(H) − R(M) = (1/2N) Σ_i ‖W(h_i − μ_{y_i})‖² exactly for ½‖z − e_y‖².
        var (x, y, w) = Instance(3, 2, 1);
        var stats = ClassStatisticsAccumulator.Of(x, y, 4, 3);
        var original = Math.Exp(CollapsedRisk.LogRisk(x, y, w, RiskLoss.SquaredError));
        var collapsed = Math.Exp(CollapsedRisk.LogCollapsedRisk(stats, w, RiskLoss.SquaredError));
        var gap = 0.0;
        var z = new double[4];
        var zero = new Classifier(w.Weights);
        for (var i = 0; i < y.Length; i++)
        {
            var diff = new double[3];
            for (var j = 0; j < 3; j++) diff[j] = x[i * 3 + j] - stats.Means[y[i], j];
            zero.Logits(diff, z);
            gap += 0.5 * z.Sum(v => v * v) / y.Length;
        }
        Assert.Equal(gap, original - collapsed, 12);
    }

    [Fact]
    public void CrossEntropyCollapsedRiskStaysBelowInTheTerminalPhase()
    {
        // Logit scale 1e4: CE ≈ e^{−thousands}, far below the smallest double; the log-domain risks stay finite and ordered.
        var (x, y, w) = Instance(5, 1e4, 0.2);
        var stats = ClassStatisticsAccumulator.Of(x, y, 4, 3);
        var original = CollapsedRisk.LogRisk(x, y, w, RiskLoss.CrossEntropy);
        var collapsed = CollapsedRisk.LogCollapsedRisk(stats, w, RiskLoss.CrossEntropy);
        Assert.True(double.IsFinite(original) && double.IsFinite(collapsed));
        Assert.True(collapsed <= original, $"log R(M) {collapsed} > log R(H) {original}");
    }

    [Fact]
    public void CollapsedFeaturesGiveTheSameRiskAsTheCollapsedFormula()
    {
        var (x, y, w) = Instance(8, 3, 0.5);
        var stats = ClassStatisticsAccumulator.Of(x, y, 4, 3);
        var rows = new double[x.Length];
        for (var i = 0; i < y.Length; i++)
            for (var j = 0; j < 3; j++) rows[i * 3 + j] = stats.Means[y[i], j];
        Assert.Equal(CollapsedRisk.LogCollapsedRisk(stats, w, RiskLoss.CrossEntropy), CollapsedRisk.LogRisk(rows, y, w, RiskLoss.CrossEntropy), 12);
    }

    [Fact]
    public void JensenClaimRecordsTightnessAndInformativeCases()
    {
        var r = new JensenCollapsedRiskClaim().Check(new ClaimContext(new Dictionary<string, string>(), 40, 2));
        Assert.True(r.Holds, r.Detail);
        Assert.NotNull(r.Cases);
        Assert.Equal(40, r.Cases!.Checked);
        Assert.True(r.Cases.MedianTightness is > 0 and <= 1, $"median R(M)/R(H) {r.Cases.MedianTightness}");
        Assert.True(r.Cases.Informative >= 20, $"informative {r.Cases.Informative}/40");
    }

    [Theory]
    [InlineData("ce,hinge")]
    [InlineData(",")]
    public void JensenClaimRejectsUnknownLosses(string losses)
    {
        var ex = Assert.Throws<InputException>(() => new JensenCollapsedRiskClaim().Check(
            new ClaimContext(new Dictionary<string, string> { ["losses"] = losses }, 2, 1)));
        Assert.StartsWith($"--param losses={losses}: claim 'jensen-collapsed-risk' requires", ex.Message);
    }
}
