using Collapse.Theory.Numerics;

namespace Collapse.Theory.Claims;

/// <summary>Numerical helpers for the claim checks (not metric formulas).</summary>
internal static class ClaimMath
{
    /// <summary>log(e^x − 1) for x = e^{logX} &gt; 0, accurate from x ≈ 1e-300 (log domain) to x ≫ 700.</summary>
    public static double LogExpm1FromLog(double logX)
    {
        if (logX < -30) { var x0 = Math.Exp(logX); return logX + x0 / 2; } // log(x(1 + x/2 + …))
        var x = Math.Exp(logX);
        if (x > 700) return x + LogSumExp.Log1P(-Math.Exp(-x));
        return Math.Log(2 * Math.Sinh(x / 2)) + x / 2; // e^x − 1 = 2 sinh(x/2) e^{x/2}, no cancellation
    }
}
