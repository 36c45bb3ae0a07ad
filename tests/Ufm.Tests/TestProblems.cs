using Collapse.Theory.Etf;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Tests;

/// <summary>Small random UFM instances and helpers shared by the tests.</summary>
internal static class TestProblems
{
    public static EngineSetup Setup(UfmLoss loss, bool bias, UfmMode mode = UfmMode.Joint, double lambda = 0.0,
        int k = 3, int d = 4, int n = 7, int seed = 5, double momentum = 0.0, UfmPrecision precision = UfmPrecision.Float64, double scale = 1.0)
    {
        var rng = new Random(seed);
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = i % k;
        double[] Gauss(int count) { var a = new double[count]; for (var i = 0; i < count; i++) a[i] = scale * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng); return a; }
        var w = Gauss(k * d);
        var h = Gauss(n * d);
        var b = bias ? Gauss(k) : null;
        return new EngineSetup(k, d, labels, w, h, b, loss, mode != UfmMode.FixedEtf, mode != UfmMode.FixedFeatures,
            lambda, 2 * lambda, bias ? 3 * lambda : 0.0, momentum, precision, "cpu");
    }

    public static IUfmEngine Create(EngineSetup s, UfmEngineKind kind) =>
        Collapse.Ufm.Simulation.UfmSimulator.CreateEngine(kind, s);

    /// <summary>∇f at the setup's point, read off one plain GD step with η = 1: g = θ − θ'.</summary>
    public static (double[] GW, double[] GH, double[]? GB) GradientFromStep(EngineSetup s, UfmEngineKind kind)
    {
        using var e = Create(s, kind);
        e.Step(_ => 1.0, needsLoss: false);
        var after = e.Export();
        double[] Diff(double[] before, double[] now) { var g = new double[now.Length]; for (var i = 0; i < g.Length; i++) g[i] = before[i] - now[i]; return g; }
        return (Diff(s.W, after.W), Diff(s.H, after.H), s.B is null ? null : Diff(s.B, after.B!));
    }

    public static double MaxAbsDiff(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var m = 0.0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }

    public static double MaxAbs(double[] a) => a.Length == 0 ? 0 : a.Max(Math.Abs);
}
