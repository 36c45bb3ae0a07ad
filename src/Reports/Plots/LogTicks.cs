using System.Globalization;
using System.Text;

namespace Collapse.Reports.Plots;

/// <summary>
/// Tick positions and labels for a logarithmic axis drawn in log10 space: decades labelled 10ᵏ (with 2…9 minor
/// ticks when every decade is labelled); for ranges holding at most two powers of ten, 1, 2 and 5 times them; for
/// ranges narrower than a decade, round values of the original quantity placed at their log10 positions.
/// </summary>
public static class LogTicks
{
    /// <summary>A tick at <paramref name="Position"/> (log10 units); minor ticks have an empty label.</summary>
    public sealed record Tick(double Position, string Label, bool Major);

    /// <summary>Ticks covering [<paramref name="lo"/>, <paramref name="hi"/>] (log10 units, lo &lt; hi).</summary>
    public static IReadOnlyList<Tick> Generate(double lo, double hi, int targetMajorCount = 6)
    {
        var ticks = new List<Tick>();
        var span = hi - lo;
        if (!(span > 0) || double.IsInfinity(span)) return ticks;
        if (span >= 1 && Math.Floor(hi) - Math.Ceiling(lo) < 2)
            return OneTwoFive(lo, hi);
        if (span >= 1)
        {
            var step = NiceDecadeStep(span / targetMajorCount);
            var first = Math.Ceiling(lo / step) * step;
            for (var k = first; k <= hi + 1e-9; k += step)
                ticks.Add(new Tick(k, PowerOfTen((int)Math.Round(k)), true));
            if (step == 1)
            {
                for (var k = Math.Floor(lo); k <= hi; k++)
                    for (var m = 2; m <= 9; m++)
                    {
                        var p = k + Math.Log10(m);
                        if (p >= lo && p <= hi) ticks.Add(new Tick(p, "", false));
                    }
            }
            return ticks;
        }
        // Narrower than a decade: round values of the quantity itself.
        double vlo = Math.Pow(10, lo), vhi = Math.Pow(10, hi);
        var linearStep = NiceLinearStep((vhi - vlo) / targetMajorCount);
        var start = Math.Ceiling(vlo / linearStep) * linearStep;
        for (var i = 0; i < 4 * targetMajorCount; i++)
        {
            var v = start + i * linearStep;
            if (v > vhi * (1 + 1e-12)) break;
            if (v <= 0) continue;
            ticks.Add(new Tick(Math.Log10(v), v.ToString("G4", CultureInfo.InvariantCulture), true));
        }
        return ticks;
    }

    /// <summary>
    /// One to two decades (at most two powers of ten inside): majors at 1, 2 and 5 times the powers of ten, so that the
    /// axis carries at least three labels; minor ticks at 3, 4, 6, 7, 8, 9.
    /// </summary>
    private static List<Tick> OneTwoFive(double lo, double hi)
    {
        var ticks = new List<Tick>();
        for (var k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
            for (var m = 1; m <= 9; m++)
            {
                var p = k + Math.Log10(m);
                if (p < lo - 1e-12 || p > hi + 1e-12) continue;
                var major = m is 1 or 2 or 5;
                ticks.Add(new Tick(p, major ? Label(m, k) : "", major));
            }
        return ticks;
    }

    /// <summary>m·10ᵏ as a plain number between 0.001 and 10⁴, otherwise as 10ᵏ or m·10ᵏ.</summary>
    private static string Label(int m, int k)
    {
        if (k is >= -3 and <= 3) return (m * Math.Pow(10, k)).ToString("G4", CultureInfo.InvariantCulture);
        return m == 1 ? PowerOfTen(k) : m.ToString(CultureInfo.InvariantCulture) + "·" + PowerOfTen(k);
    }

    /// <summary>"10" followed by the exponent in superscript digits (e.g. 10⁻⁵).</summary>
    public static string PowerOfTen(int exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var sb = new StringBuilder("10");
        var text = exponent.ToString(CultureInfo.InvariantCulture);
        foreach (var ch in text) sb.Append(ch == '-' ? '⁻' : digits[ch - '0']);
        return sb.ToString();
    }

    private static double NiceDecadeStep(double raw)
    {
        foreach (var s in new double[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 })
            if (s >= raw) return s;
        return Math.Ceiling(raw / 1000) * 1000;
    }

    private static double NiceLinearStep(double raw)
    {
        var exp = Math.Floor(Math.Log10(raw));
        var pow = Math.Pow(10, exp);
        var f = raw / pow;
        var nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * pow;
    }
}
