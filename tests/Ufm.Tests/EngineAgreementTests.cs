using Collapse.Theory;
using Collapse.Theory.Numerics;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Tests;

/// <summary>The managed and TorchSharp engines implement the same step; float32 tracks float64.</summary>
public class EngineAgreementTests
{
    private static EngineState Run(EngineSetup s, UfmEngineKind kind, int steps, Func<double, double> schedule, bool needsLoss)
    {
        using var e = TestProblems.Create(s, kind);
        for (var t = 0; t < steps; t++) e.Step(schedule, needsLoss);
        return e.Export();
    }

    [Xunit.Theory]
    [InlineData(UfmLoss.CrossEntropy, 0.0)]
    [InlineData(UfmLoss.CrossEntropy, 0.9)]
    [InlineData(UfmLoss.Mse, 0.5)]
    public void ManagedAndTorchEnginesFollowTheSameTrajectory(UfmLoss loss, double momentum)
    {
        var s = TestProblems.Setup(loss, bias: true, lambda: 1e-3, momentum: momentum, k: 4, d: 6, n: 13, scale: 0.3);
        var a = Run(s, UfmEngineKind.Managed, 200, _ => 0.5, false);
        var b = Run(s, UfmEngineKind.Torch, 200, _ => 0.5, false);
        Assert.True(TestProblems.MaxAbsDiff(a.W, b.W) < 1e-10 * (1 + TestProblems.MaxAbs(a.W)));
        Assert.True(TestProblems.MaxAbsDiff(a.H, b.H) < 1e-10 * (1 + TestProblems.MaxAbs(a.H)));
        Assert.True(TestProblems.MaxAbsDiff(a.B!, b.B!) < 1e-10 * (1 + TestProblems.MaxAbs(a.B!)));
    }

    [Fact]
    public void LossNormalizedStepsAgreeAcrossEnginesEvenAfterTheLossUnderflows()
    {
        // Fixed features: the normalized schedule η_t = η F₀/F_t drives the margins past 745, where F_t underflows to 0.
        var s = TestProblems.Setup(UfmLoss.CrossEntropy, bias: false, UfmMode.FixedFeatures, k: 3, d: 5, n: 6, scale: 1.0);
        double f0;
        using (var e = new ManagedEngine<double, DoubleOps>(s)) f0 = e.DataLoss();
        var maxNormSquared = Enumerable.Range(0, s.Samples).Max(i => s.H.AsSpan(i * s.Dim, s.Dim).ToArray().Sum(x => x * x));
        double Schedule(double shiftedLoss) => 1.0 / (maxNormSquared * shiftedLoss); // twice the default base of StepSize.NormalizedBase
        var underflowed = Run(s, UfmEngineKind.Managed, 30000, Schedule, true);
        using (var check = new ManagedEngine<double, DoubleOps>(s with { W = underflowed.W }))
            Assert.Equal(0.0, check.DataLoss()); // the plain loss is exactly 0 here: margins beyond ~745
        Assert.All(underflowed.W, v => Assert.True(double.IsFinite(v)));
        var start = s with { W = underflowed.W };
        var a = Run(start, UfmEngineKind.Managed, 300, Schedule, true);
        var b = Run(start, UfmEngineKind.Torch, 300, Schedule, true);
        Assert.True(TestProblems.MaxAbsDiff(a.W, underflowed.W) > 1.0, "the run kept moving after the underflow");
        Assert.True(TestProblems.MaxAbsDiff(a.W, b.W) < 1e-9 * TestProblems.MaxAbs(a.W), $"max |ΔW| = {TestProblems.MaxAbsDiff(a.W, b.W):E2} of {TestProblems.MaxAbs(a.W):E2}");
    }

    [Xunit.Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void ParallelManagedChunksMatchTorchAndRepeatBitForBit(double momentum)
    {
        // N = 603 rows in 2 chunks run in parallel (K·d·N ≥ 2e5), blocks of 4 plus tail rows, d = 101 with a
        // non-multiple-of-8 tail: the fused kernel must agree with the GEMM formulation and be reproducible.
        var s = TestProblems.Setup(UfmLoss.CrossEntropy, bias: true, lambda: 1e-3, momentum: momentum, k: 4, d: 101, n: 603, scale: 0.2);
        var a = Run(s, UfmEngineKind.Managed, 30, _ => 0.5, false);
        var b = Run(s, UfmEngineKind.Torch, 30, _ => 0.5, false);
        Assert.True(TestProblems.MaxAbsDiff(a.W, b.W) < 1e-11 * (1 + TestProblems.MaxAbs(a.W)), $"|ΔW| {TestProblems.MaxAbsDiff(a.W, b.W):E2}");
        Assert.True(TestProblems.MaxAbsDiff(a.H, b.H) < 1e-11 * (1 + TestProblems.MaxAbs(a.H)), $"|ΔH| {TestProblems.MaxAbsDiff(a.H, b.H):E2}");
        Assert.True(TestProblems.MaxAbsDiff(a.B!, b.B!) < 1e-11 * (1 + TestProblems.MaxAbs(a.B!)));
        for (var trial = 0; trial < 3; trial++)
        {
            var again = Run(s, UfmEngineKind.Managed, 30, _ => 0.5, false);
            Assert.Equal(a.W, again.W);
            Assert.Equal(a.H, again.H);
        }
    }

    [Fact]
    public void TorchEngineIsBitReproducibleAcrossFreshAllocations()
    {
        // Resume and same-seed equality need GEMMs whose rounding does not depend on where H lands in memory
        // (W·Hᵀ with a transposed view failed this in about half of the trials; the engine's forms pass).
        var s = TestProblems.Setup(UfmLoss.CrossEntropy, bias: true, k: 10, d: 64, n: 300, scale: 0.3, momentum: 0.5);
        var reference = Run(s, UfmEngineKind.Torch, 20, _ => 0.5, false);
        var junk = new List<TorchSharp.torch.Tensor>();
        for (var trial = 0; trial < 8; trial++)
        {
            junk.Add(TorchSharp.torch.zeros(new long[] { 1 + 37 * trial % 101 }, TorchSharp.torch.ScalarType.Float64));
            var again = Run(s, UfmEngineKind.Torch, 20, _ => 0.5, false);
            Assert.Equal(reference.W, again.W);
            Assert.Equal(reference.H, again.H);
            Assert.Equal(reference.B, again.B);
        }
        foreach (var t in junk) t.Dispose();
    }

    [Xunit.Theory]
    [InlineData(UfmEngineKind.Torch)]
    [InlineData(UfmEngineKind.Managed)]
    public void Float32TracksFloat64(UfmEngineKind kind)
    {
        var s = TestProblems.Setup(UfmLoss.CrossEntropy, bias: true, k: 4, d: 20, n: 13, scale: 0.3, momentum: 0.3, lambda: 1e-3);
        var a = Run(s, kind, 100, _ => 0.5, false);
        var b = Run(s with { Precision = UfmPrecision.Float32 }, kind, 100, _ => 0.5, false);
        Assert.All(b.W, v => Assert.Equal(v, (double)(float)v)); // the state really is float32
        Assert.True(TestProblems.MaxAbsDiff(a.W, b.W) < 1e-4, $"max |ΔW| = {TestProblems.MaxAbsDiff(a.W, b.W):E2}");
        Assert.True(TestProblems.MaxAbsDiff(a.H, b.H) < 1e-4);
        Assert.NotEqual(a.W, b.W); // float32 really ran in single precision
    }

    [Fact]
    public void CudaWithoutCudaBuildIsAClearInputError()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a CUDA build: nothing to refuse
        var s = TestProblems.Setup(UfmLoss.CrossEntropy, bias: false) with { Device = "cuda" };
        var ex = Assert.Throws<InputException>(() => new TorchEngine(s));
        Assert.StartsWith("--device cuda:", ex.Message);
    }
}
