namespace Collapse.Theory.Numerics;

/// <summary>Compensated (Kahan–Babuška–Neumaier) summation for long float64 sums.</summary>
public struct NeumaierSum
{
    private double _sum;
    private double _c;

    /// <summary>Adds x.</summary>
    public void Add(double x)
    {
        double t = _sum + x;
        if (!double.IsFinite(t)) { _sum = t; return; } // ±∞ or NaN: the plain sum's answer (the compensation would turn ∞ into NaN)
        if (Math.Abs(_sum) >= Math.Abs(x)) _c += (_sum - t) + x;
        else _c += (x - t) + _sum;
        _sum = t;
    }

    /// <summary>Merges another sum.</summary>
    public void Merge(NeumaierSum other) { Add(other._sum); Add(other._c); }

    /// <summary>The compensated total.</summary>
    public readonly double Value => double.IsFinite(_sum) ? _sum + _c : _sum;

    /// <summary>The running sum and its compensation (for shard files; <see cref="FromParts"/> restores them bit for bit).</summary>
    public readonly (double Sum, double Compensation) Parts => (_sum, _c);

    /// <summary>A sum with the given parts.</summary>
    public static NeumaierSum FromParts(double sum, double compensation) => new() { _sum = sum, _c = compensation };
}
