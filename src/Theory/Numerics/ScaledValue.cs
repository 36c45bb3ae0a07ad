namespace Collapse.Theory.Numerics;

/// <summary>
/// A non-negative number m·2^E with a float64 mantissa m (normalised to [1, 2), or 0) and an unbounded int exponent E:
/// products and sums of norms whose float64 value would overflow or underflow (‖W‖_F·max‖h_i‖, ½(‖W‖_F² + ‖H‖_F²) of
/// features near 1e±300) stay exact to rounding, and <see cref="Divide"/> returns x / value rounded once to float64
/// (±∞ or 0 only where the true quotient is outside the float64 range).
/// </summary>
public readonly record struct ScaledValue(double Mantissa, long Exponent)
{
    /// <summary>0.</summary>
    public static ScaledValue Zero => new(0, 0);

    /// <summary><paramref name="x"/>·2^<paramref name="exponent"/> (x ≥ 0 and finite).</summary>
    public static ScaledValue Of(double x, long exponent = 0)
    {
        if (!(x > 0) || double.IsInfinity(x)) return new ScaledValue(x, x == 0 ? 0 : exponent);
        var e = Math.ILogB(x);
        return new ScaledValue(Math.ScaleB(x, -e), exponent + e);
    }

    /// <summary>Whether the value is 0.</summary>
    public bool IsZero => Mantissa == 0;

    /// <summary>this · other.</summary>
    public ScaledValue Times(ScaledValue other) => Of(Mantissa * other.Mantissa, Exponent + other.Exponent);

    /// <summary>this + other.</summary>
    public ScaledValue Plus(ScaledValue other)
    {
        if (other.IsZero) return this;
        if (IsZero) return other;
        var e = Math.Max(Exponent, other.Exponent);
        return Of(Shift(Mantissa, Exponent - e) + Shift(other.Mantissa, other.Exponent - e), e);
    }

    /// <summary>this · 2^<paramref name="exponent"/>.</summary>
    public ScaledValue TimesPowerOfTwo(long exponent) => IsZero ? this : new ScaledValue(Mantissa, Exponent + exponent);

    /// <summary>√this as a float64 (finite whenever the square root is representable).</summary>
    public double Sqrt()
    {
        if (IsZero || !double.IsFinite(Mantissa)) return Math.Sqrt(Mantissa);
        var odd = Exponent % 2 != 0;
        var half = (Exponent - (odd ? 1 : 0)) / 2; // E − [E odd] is even: m·2^E = (2m)^[E odd]·m^[E even]·2^(2·half)
        return Shift(Math.Sqrt(odd ? 2 * Mantissa : Mantissa), half);
    }

    /// <summary>The float64 value (∞ on overflow, 0 or subnormal on underflow).</summary>
    public double ToDouble() => Shift(Mantissa, Exponent);

    /// <summary><paramref name="x"/> / this, rounded to float64 (NaN for 0/0, ±∞ for x ≠ 0 over 0).</summary>
    public double Divide(double x) => IsZero || !double.IsFinite(Mantissa) ? x / Mantissa : Shift(x / Mantissa, -Exponent);

    private static double Shift(double m, long e) => Math.ScaleB(m, (int)Math.Clamp(e, -4000, 4000));
}
