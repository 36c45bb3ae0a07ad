using Collapse.LeSde.Claims;
using Collapse.LeSde.Model;
using Collapse.LeSde.Simulation;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.LeSde.Tests;

/// <summary>A non-finite state stops an LE-SDE run at the last finite step, as a result (issue 15 item 1).</summary>
public class DivergenceTests
{
    /// <summary>p = 0 with a + (K−1)b = 9: the solution grows like e^{9t} and overflows float64 near t ≈ 80–140.</summary>
    private static readonly LeSdeConfig Overflowing = new() { Schedule = new ImpactSchedule(5, 2, 0), EndTime = 400, Steps = 2000 };

    /// <summary>a = −1, b = 0, p = 0, dt = 4: the explicit step multiplies by 1 − 4 = −3 each step (stable for dt ≤ 2).</summary>
    private static readonly LeSdeConfig Unstable = new() { Schedule = new ImpactSchedule(-1, 0, 0), EndTime = 2801, Steps = 700, Noise = 0.1 };

    private static (LeSdeDivergence? Divergence, List<(int Step, double[] Features)> Seen, List<(int Step, double[] Features)> Last) Run(LeSdeConfig c, int points = 40)
    {
        var seen = new List<(int, double[])>();
        var last = new List<(int, double[])>();
        var d = LeSdeSimulator.Run(c, LeSdeSimulator.LogSpacedTimes(c.StartTime, c.EndTime, points), s => seen.Add((s.Step, s.Features.ToArray())),
            observeLastFinite: s => last.Add((s.Step, s.Features.ToArray())));
        return (d, seen, last);
    }

    [Fact]
    public void AnOverflowingRunStopsAtTheLastFiniteStepAndNamesTheGrowth()
    {
        var (d, seen, last) = Run(Overflowing);
        Assert.NotNull(d);
        Assert.InRange(d!.Step, 2, Overflowing.Steps - 1);
        Assert.False(double.IsFinite(d.Norm));
        Assert.True(double.IsFinite(d.LastFiniteNorm) && d.LastFiniteNorm > 1e100, $"{d.LastFiniteNorm}");
        Assert.True(d.GrowthExponent > LeSdeDivergence.OverflowExponent, $"{d.GrowthExponent}");
        Assert.Contains("beyond what float64 can square", d.Advice);
        Assert.Contains("--alpha/--beta", d.Advice);
        var final = Assert.Single(last);
        Assert.Equal(d.LastFiniteStep, final.Step);
        Assert.All(final.Features, v => Assert.True(double.IsFinite(v)));
        Assert.All(seen, s => Assert.True(s.Step < d.Step));
        Assert.StartsWith($"run diverged at step {d.Step} (t = ", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRunStoppedAtTheLastFiniteStepIsThePrefixOfTheLongerRun()
    {
        // The same run with steps = T − 1 over the matching horizon ends with the kept state (up to the rounding of dt).
        var (d, _, last) = Run(Overflowing);
        var shorter = Overflowing with { Steps = d!.LastFiniteStep, EndTime = Overflowing.StartTime + d.LastFiniteStep * Overflowing.StepSize };
        double[]? end = null;
        Assert.Null(LeSdeSimulator.Run(shorter, [shorter.EndTime], s => end = s.Features.ToArray()));
        var kept = last.Single().Features;
        var scale = kept.Max(Math.Abs);
        Assert.Equal(kept.Length, end!.Length);
        for (var i = 0; i < kept.Length; i++) Assert.True(Math.Abs(kept[i] - end[i]) <= 1e-9 * scale, $"entry {i}: {kept[i]} vs {end[i]}");
    }

    [Fact]
    public void AnUnstableStepIsNamedWithTheStepCountThatWouldBeStable()
    {
        var (d, _, _) = Run(Unstable);
        Assert.NotNull(d);
        Assert.Equal(4, d!.StepStability, 12);
        Assert.Equal(1400, d.StableSteps);
        Assert.Contains("raise --steps to at least 1400", d.Advice);
        Assert.True(d.GrowthExponent < 0);
    }

    [Fact]
    public void AStableRunHasNoDivergence()
    {
        var (d, seen, last) = Run(new LeSdeConfig { Steps = 400, EndTime = 50 }, points: 5);
        Assert.Null(d);
        Assert.Equal(5, seen.Count);
        Assert.Empty(last);
    }

    [Fact]
    public void AnInitialStateWhoseSquaredNormOverflowsIsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => Run(new LeSdeConfig { InitialSeparation = 1e200 }));
        Assert.StartsWith("--init-separation 1E+200", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimWhoseSimulationDivergesIsInconclusiveNotAnError()
    {
        var context = new ClaimContext(new Dictionary<string, string> { ["intra"] = "50", ["inter"] = "20", ["exponent"] = "0" }, 2, 1);
        var ex = Assert.Throws<LeSdeDivergedException>(() => new LeSdeEtfClaim().CheckWithEvidence(context));
        Assert.IsAssignableFrom<ClaimInconclusiveException>(ex);
        Assert.StartsWith("LE-SDE (seed ", ex.Message, StringComparison.Ordinal);
        var r = Falsification.Run(new LeSdeEtfClaim(), new LeSdeEtfClaim().Info.Falsifiers[0], context).Result;
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("run diverged at step", r.Detail);
    }
}
