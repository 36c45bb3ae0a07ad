using Collapse.LeSde.Analysis;
using Collapse.LeSde.Model;
using Collapse.LeSde.Simulation;

namespace Collapse.LeSde.Tests;

public class SimulatorTests
{
    private static double[] FinalFeatures(LeSdeConfig c)
    {
        double[]? copy = null;
        LeSdeSimulator.Run(c, [c.EndTime], s => copy = s.Features.ToArray());
        return copy!;
    }

    [Fact]
    public void ASeedReplaysTheRunAndAnotherSeedDoesNot()
    {
        var c = new LeSdeConfig { Steps = 300, EndTime = 50 };
        Assert.Equal(FinalFeatures(c), FinalFeatures(c));
        Assert.NotEqual(FinalFeatures(c), FinalFeatures(c with { Seed = 2 }));
    }

    [Fact]
    public void WithoutNoiseTheMeanDifferencesGrowByTheClosedFormFactor()
    {
        // σ = 0, identity blocks: F̄_k − F̄_l follows x' = (α_t − β_t) x, so it grows by exp((a − b)∫r).
        var c = new LeSdeConfig { Noise = 0, Steps = 40_000, EndTime = 100, Schedule = new ImpactSchedule(1.0, 0.4, 0.75) };
        double d0 = double.NaN, d1 = double.NaN;
        LeSdeSimulator.Run(c, [1, 100], s =>
        {
            var d = RepresentativeGeometry.MinMeanDistance(s.Means, s.Classes, s.Dim);
            if (s.Step == 0) d0 = d; else d1 = d;
        });
        var expected = Math.Exp(0.6 * c.Schedule.IntegratedRate(1, 100));
        Assert.Equal(1.0, d1 / d0 / expected, 2); // Euler–Maruyama's O(dt) error at dt = 2.5e-3
    }

    [Fact]
    public void WithoutDriftTheWithinClassSpreadIsBrownian()
    {
        // α = β = 0: E[(1/N)Σ‖f̃ − F̄‖²] = m(1 − 1/n)(τ² + σ²(t − t0)).
        var c = new LeSdeConfig
        {
            Classes = 2,
            Dim = 3,
            PerClass = 2000,
            Noise = 0.7,
            InitialSpread = 0.5,
            Steps = 200,
            EndTime = 51,
            Schedule = new ImpactSchedule(0, 0, 1)
        };
        double rms = double.NaN;
        LeSdeSimulator.Run(c, [51], s => rms = RepresentativeGeometry.WithinRms(s.Features, s.Means, s.Classes, s.PerClass, s.Dim));
        var expected = 3 * (1 - 1.0 / 2000) * (0.25 + 0.49 * 50);
        Assert.Equal(1.0, rms * rms / expected, 1); // 12000 coordinates: relative standard error ≈ 1.3%
        Assert.InRange(rms * rms / expected, 0.95, 1.05);
    }

    [Fact]
    public void CheckpointsAreObservedOnceInOrderIncludingBothEnds()
    {
        var c = new LeSdeConfig { Steps = 100, EndTime = 11 };
        var seen = new List<(int Step, double Time)>();
        LeSdeSimulator.Run(c, [0.5, 1, 1.05, 6, 6, 11, 20], s => seen.Add((s.Step, s.Time)));
        Assert.Equal([0, 1, 50, 100], seen.Select(x => x.Step));
        Assert.Equal(11, seen[^1].Time, 12);
    }

    [Fact]
    public void LogSpacedTimesIncludeBothEnds()
    {
        var t = LeSdeSimulator.LogSpacedTimes(1, 400, 5);
        Assert.Equal([1.0, Math.Sqrt(Math.Sqrt(400)), 20, Math.Pow(400, 0.75), 400], t, new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));
        public int GetHashCode(double obj) => 0;
    }
}
