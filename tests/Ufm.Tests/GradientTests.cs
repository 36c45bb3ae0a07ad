using Collapse.Theory.Loss;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Collapse.Ufm.Tests;

/// <summary>The analytic gradients of the engines equal TorchSharp autograd and finite differences of the objective.</summary>
public class GradientTests
{
    public static TheoryData<UfmLoss, bool, UfmMode, UfmEngineKind> Cases()
    {
        var data = new TheoryData<UfmLoss, bool, UfmMode, UfmEngineKind>();
        foreach (var loss in new[] { UfmLoss.CrossEntropy, UfmLoss.Mse })
            foreach (var bias in new[] { false, true })
                foreach (var mode in new[] { UfmMode.Joint, UfmMode.FixedFeatures, UfmMode.FixedEtf })
                    foreach (var kind in new[] { UfmEngineKind.Managed, UfmEngineKind.Torch })
                        data.Add(loss, bias, mode, kind);
        return data;
    }

    /// <summary>f(W, H, b) = (1/N) Σ ℓ + (λ_W/2)‖W‖² + (λ_H/2)‖H‖² + (λ_b/2)‖b‖², evaluated with Theory's CE.</summary>
    private static double Objective(EngineSetup s, double[] w, double[] h, double[]? b)
    {
        int k = s.Classes, d = s.Dim, n = s.Samples;
        var z = new double[k];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < k; c++)
            {
                var v = b?[c] ?? 0.0;
                for (var j = 0; j < d; j++) v += w[c * d + j] * h[i * d + j];
                z[c] = v;
            }
            if (s.Loss == UfmLoss.CrossEntropy) sum += CrossEntropy.Sample(z, s.Labels[i]);
            else for (var c = 0; c < k; c++) { var r = z[c] - (c == s.Labels[i] ? 1 : 0); sum += 0.5 * r * r; }
        }
        double Sq(double[]? a) => a?.Sum(x => x * x) ?? 0.0;
        return sum / n + 0.5 * (s.LambdaW * Sq(w) + s.LambdaH * Sq(h) + s.LambdaB * Sq(b));
    }

    [Xunit.Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradientMatchesAutograd(UfmLoss loss, bool bias, UfmMode mode, UfmEngineKind kind)
    {
        var s = TestProblems.Setup(loss, bias, mode, lambda: 0.03);
        var (gw, gh, gb) = TestProblems.GradientFromStep(s, kind);

        using var scope = NewDisposeScope();
        var w = tensor(s.W, new long[] { s.Classes, s.Dim }, ScalarType.Float64, requires_grad: true);
        var h = tensor(s.H, new long[] { s.Samples, s.Dim }, ScalarType.Float64, requires_grad: true);
        var b = bias ? tensor(s.B!, new long[] { s.Classes }, ScalarType.Float64, requires_grad: true) : null;
        var z = h.matmul(w.t());
        if (b is not null) z = z + b;
        var labels = tensor(s.Labels.Select(x => (long)x).ToArray(), ScalarType.Int64);
        Tensor data = loss == UfmLoss.CrossEntropy
            ? nn.functional.cross_entropy(z, labels)
            : 0.5 * (z - nn.functional.one_hot(labels, s.Classes).to_type(ScalarType.Float64)).square().sum() / s.Samples;
        var f = data + 0.5 * s.LambdaW * w.square().sum() + 0.5 * s.LambdaH * h.square().sum();
        if (b is not null) f = f + 0.5 * s.LambdaB * b.square().sum();
        f.backward();
        double[] Grad(Tensor t) => t.grad!.data<double>().ToArray();

        var expectW = s.TrainW ? Grad(w) : new double[gw.Length];
        var expectH = s.TrainH ? Grad(h) : new double[gh.Length];
        Assert.True(TestProblems.MaxAbsDiff(gw, expectW) < 1e-13, $"∇W differs by {TestProblems.MaxAbsDiff(gw, expectW):E2}");
        Assert.True(TestProblems.MaxAbsDiff(gh, expectH) < 1e-13, $"∇H differs by {TestProblems.MaxAbsDiff(gh, expectH):E2}");
        if (bias) Assert.True(TestProblems.MaxAbsDiff(gb!, Grad(b!)) < 1e-13, $"∇b differs by {TestProblems.MaxAbsDiff(gb!, Grad(b!)):E2}");
    }

    [Xunit.Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradientMatchesCentralDifferences(UfmLoss loss, bool bias, UfmMode mode, UfmEngineKind kind)
    {
        var s = TestProblems.Setup(loss, bias, mode, lambda: 0.03, seed: 11);
        var (gw, gh, gb) = TestProblems.GradientFromStep(s, kind);
        const double eps = 1e-5;
        var worst = 0.0;
        void Probe(double[] param, double[] grad, bool trained)
        {
            for (var i = 0; i < param.Length; i++)
            {
                var keep = param[i];
                param[i] = keep + eps;
                var up = Objective(s, s.W, s.H, s.B);
                param[i] = keep - eps;
                var down = Objective(s, s.W, s.H, s.B);
                param[i] = keep;
                var fd = (up - down) / (2 * eps);
                worst = Math.Max(worst, Math.Abs((trained ? fd : 0.0) - grad[i]));
            }
        }
        Probe(s.W, gw, s.TrainW);
        Probe(s.H, gh, s.TrainH);
        if (bias) Probe(s.B!, gb!, true);
        Assert.True(worst < 1e-8, $"largest |analytic − central difference| = {worst:E2}");
    }

    [Fact]
    public void TrueClassGradientKeepsFullPrecisionAtLargeMargins()
    {
        // Margin 50: p_y rounds to 1 in float64, so softmax − 1 would give exactly 0 for the true class.
        var z = new[] { 50.0, 0.0, -1.0 };
        var g = new double[3];
        LogitGradient.Compute(UfmLoss.CrossEntropy, z, 0, 1.0, g, wantLoss: false);
        var expected = -(Math.Exp(-50) + Math.Exp(-51));
        Assert.True(Math.Abs(g[0] / expected - 1) < 1e-14, $"g_y = {g[0]:E17}, expected {expected:E17}");
        Assert.True(Math.Abs(g[0] + g[1] + g[2]) <= 1e-15 * Math.Abs(g[0]), "gradient entries must sum to 0");
    }

    [Fact]
    public void ShiftedGradientIsTheOrdinaryOneTimesACommonFactor()
    {
        var z = new[] { 3.0, -1.0, 0.5, 2.0 };
        const int y = 0;
        var plain = new double[4];
        var shifted = new double[4];
        var loss = LogitGradient.Compute(UfmLoss.CrossEntropy, z, y, 0.25, plain, wantLoss: true);
        var a = CrossEntropy.InnerLogSum(z, y);
        const double shift = -7.5;
        var lossShifted = LogitGradient.ComputeShifted(z, y, a, shift, 0.25, shifted);
        var factor = Math.Exp(-shift);
        Assert.Equal(loss * factor, lossShifted, 1e-12 * lossShifted);
        for (var j = 0; j < 4; j++) Assert.Equal(plain[j] * factor, shifted[j], 1e-12 * Math.Abs(shifted[j]));
    }
}
