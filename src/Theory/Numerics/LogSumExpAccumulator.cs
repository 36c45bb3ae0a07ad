namespace Collapse.Theory.Numerics;

/// <summary>Streaming log-sum-exp: accumulates log Σ exp(x_i) one term at a time without overflow or underflow.</summary>
public struct LogSumExpAccumulator
{
    private double _max;
    private double _scaledSum;
    private bool _any;

    /// <summary>Adds one term x (in the log domain).</summary>
    public void Add(double x)
    {
        if (double.IsNegativeInfinity(x)) return;
        if (!_any) { _max = x; _scaledSum = 1; _any = true; return; }
        if (x <= _max) _scaledSum += Math.Exp(x - _max);
        else { _scaledSum = _scaledSum * Math.Exp(_max - x) + 1; _max = x; }
    }

    /// <summary>Merges another accumulator into this one.</summary>
    public void Merge(LogSumExpAccumulator other)
    {
        if (!other._any) return;
        if (!_any) { this = other; return; }
        if (other._max <= _max) _scaledSum += other._scaledSum * Math.Exp(other._max - _max);
        else { _scaledSum = _scaledSum * Math.Exp(_max - other._max) + other._scaledSum; _max = other._max; }
    }

    /// <summary>The running maximum, the scaled sum Σ exp(x_i − max) and whether anything was added (for shard files).</summary>
    public readonly (double Max, double ScaledSum, bool Any) Parts => (_max, _scaledSum, _any);

    /// <summary>An accumulator with the given parts (restores <see cref="Parts"/> bit for bit).</summary>
    public static LogSumExpAccumulator FromParts(double max, double scaledSum, bool any) => new() { _max = max, _scaledSum = scaledSum, _any = any };

    /// <summary>log Σ exp(x_i); −∞ when nothing was added.</summary>
    public readonly double Value => _any ? _max + Math.Log(_scaledSum) : double.NegativeInfinity;
}
