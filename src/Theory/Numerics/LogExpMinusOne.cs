namespace Collapse.Theory.Numerics;

/// <summary>
/// log(eˣ − 1) for x &gt; 0 given in the log domain (x = e^{logX}), the form the smoothed margin −log(e^{N·L} − 1)
/// and the CE–margin brackets need: losses reach 1e-300, so x is passed as its logarithm.
/// </summary>
public static class LogExpMinusOne
{
    /// <summary>
    /// log(e^x − 1) for x = e^{<paramref name="logX"/>}, to a few ulps from x ≈ 1e-300 to x ≫ 700:
    /// x &lt; 1e-8: log x + x/2 (the next term x²/24 is below double precision); x &gt; 50: x + log1p(−e^{−x});
    /// otherwise log(2 sinh(x/2)) + x/2, which has no cancellation (e^x − 1 = 2 sinh(x/2) e^{x/2}).
    /// </summary>
    public static double FromLog(double logX)
    {
        if (logX < Math.Log(1e-8)) return logX + 0.5 * Math.Exp(logX);
        var x = Math.Exp(logX);
        if (x > 50) return x + LogSumExp.Log1P(-Math.Exp(-x));
        return Math.Log(2 * Math.Sinh(x / 2)) + x / 2;
    }
}
