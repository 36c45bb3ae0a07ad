namespace Collapse.Ufm.Claims;

/// <summary>Least-squares fit y ≈ a·x + c with its coefficient of determination R².</summary>
/// <param name="A">Slope a.</param>
/// <param name="C">Intercept c.</param>
/// <param name="R2">1 − SS_res/SS_tot (NaN for fewer than 3 points or constant y).</param>
/// <param name="Points">Number of points fitted.</param>
public sealed record RateFit(double A, double C, double R2, int Points)
{
    /// <summary>Ordinary least squares of <paramref name="y"/> on <paramref name="x"/>.</summary>
    public static RateFit Linear(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        if (n < 2) return new RateFit(double.NaN, double.NaN, double.NaN, n);
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        var a = sxy / sxx;
        var c = my - a * mx;
        var ssRes = 0.0;
        for (var i = 0; i < n; i++) { var r = y[i] - (a * x[i] + c); ssRes += r * r; }
        var r2 = n < 3 || syy == 0 ? double.NaN : 1 - ssRes / syy;
        return new RateFit(a, c, r2, n);
    }

    /// <summary>Fit y ≈ a/ln t + c (the 1/log t rate of Soudry et al. 2018) over steps t ≥ 2.</summary>
    public static RateFit InverseLog(IReadOnlyList<long> steps, IReadOnlyList<double> y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < steps.Count; i++)
            if (steps[i] >= 2 && double.IsFinite(y[i])) { xs.Add(1.0 / Math.Log(steps[i])); ys.Add(y[i]); }
        return Linear(xs, ys);
    }

    /// <summary>Fit y ≈ a·ln t + c over steps t ≥ 1.</summary>
    public static RateFit Log(IReadOnlyList<long> steps, IReadOnlyList<double> y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < steps.Count; i++)
            if (steps[i] >= 1 && double.IsFinite(y[i])) { xs.Add(Math.Log(steps[i])); ys.Add(y[i]); }
        return Linear(xs, ys);
    }

    /// <summary>
    /// Fit log y ≈ e·log ln t + c over steps t ≥ 3 with y &gt; 0: the exponent e of y ∝ (ln t)^e (A = e, C = c). For a distance
    /// to the limit direction decaying like 1/ln t, e ≈ −1; for a residual that is o(ln t), e &lt; 1.
    /// </summary>
    public static RateFit PowerOfLog(IReadOnlyList<long> steps, IReadOnlyList<double> y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < steps.Count; i++)
            if (steps[i] >= 3 && y[i] > 0 && double.IsFinite(y[i])) { xs.Add(Math.Log(Math.Log(steps[i]))); ys.Add(Math.Log(y[i])); }
        return Linear(xs, ys);
    }
}
