using System.Globalization;

namespace Collapse.Theory.Claims;

/// <summary>
/// Tightness of the cases of an inequality claim (measured/bound per case, whether the bound was informative), for the
/// claim's detail line: number of cases, the informative fraction and the median tightness. Cases are added in the
/// order checked; a run that stops at a falsifying case reports the cases up to it.
/// </summary>
internal sealed class CaseTally
{
    private readonly List<double> _tightness = [];
    private int _informative;

    /// <summary>Records one case.</summary>
    public void Add(double measured, double bound, bool informative)
    {
        _tightness.Add(measured / bound);
        if (informative) _informative++;
    }

    /// <summary>Cases recorded.</summary>
    public int Count => _tightness.Count;

    /// <summary>Fraction of informative cases.</summary>
    public double InformativeFraction => Count == 0 ? double.NaN : (double)_informative / Count;

    /// <summary>Median of measured/bound (NaN ratios, e.g. 0/0, are left out).</summary>
    public double MedianTightness
    {
        get
        {
            var v = _tightness.Where(x => !double.IsNaN(x)).Order().ToArray();
            if (v.Length == 0) return double.NaN;
            return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
        }
    }

    /// <summary>"informative 18/20 cases (bound non-vacuous), median measured/bound 0.41".</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"informative {_informative}/{Count} cases, median measured/bound {MedianTightness:G4}");
}
