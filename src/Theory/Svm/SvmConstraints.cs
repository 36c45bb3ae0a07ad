namespace Collapse.Theory.Svm;

/// <summary>
/// The constraint map of the bias-free multi-class (Crammer–Singer) hard-margin SVM. Constraint a = (i, j), j ≠ y_i,
/// is the K×d matrix A_a = e_{y_i} h_iᵀ − e_j h_iᵀ, so A_a·W = (w_{y_i} − w_j)·h_i. Constraints are stored in N×K slots,
/// slot i·K + j; the slot j = y_i is unused. W is row-major K×d.
/// </summary>
internal static class SvmConstraints
{
    /// <summary>q[i·K+j] = (w_{y_i} − w_j)·h_i for j ≠ y_i; +∞ in the unused slot j = y_i.</summary>
    public static void Values(ReadOnlySpan<double> h, ReadOnlySpan<int> y, int k, int d, ReadOnlySpan<double> w, Span<double> q)
    {
        var n = y.Length;
        var z = new double[k];
        for (var i = 0; i < n; i++)
        {
            var hi = h.Slice(i * d, d);
            for (var c = 0; c < k; c++) z[c] = Dot(w.Slice(c * d, d), hi);
            var zy = z[y[i]];
            var qi = q.Slice(i * k, k);
            for (var c = 0; c < k; c++) qi[c] = c == y[i] ? double.PositiveInfinity : zy - z[c];
        }
    }

    /// <summary>v = Σ_a λ_a A_a (row-major K×d), i.e. row y_i gains (Σ_j λ_ij) h_i and row j loses λ_ij h_i.</summary>
    public static void Combine(ReadOnlySpan<double> h, ReadOnlySpan<int> y, int k, int d, ReadOnlySpan<double> lambda, Span<double> v)
    {
        v.Clear();
        var n = y.Length;
        for (var i = 0; i < n; i++)
        {
            var hi = h.Slice(i * d, d);
            var li = lambda.Slice(i * k, k);
            var total = 0.0;
            for (var c = 0; c < k; c++)
            {
                if (c == y[i] || li[c] == 0) continue;
                total += li[c];
                Axpy(-li[c], hi, v.Slice(c * d, d));
            }
            if (total != 0) Axpy(total, hi, v.Slice(y[i] * d, d));
        }
    }

    /// <summary>v += coefficient · A_a for the constraint in slot <paramref name="slot"/>.</summary>
    public static void AddColumn(ReadOnlySpan<double> h, ReadOnlySpan<int> y, int k, int d, int slot, double coefficient, Span<double> v)
    {
        var i = slot / k;
        var j = slot % k;
        var hi = h.Slice(i * d, d);
        Axpy(coefficient, hi, v.Slice(y[i] * d, d));
        Axpy(-coefficient, hi, v.Slice(j * d, d));
    }

    /// <summary>Σ x_t y_t.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var s = 0.0;
        for (var t = 0; t < x.Length; t++) s += x[t] * y[t];
        return s;
    }

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var t = 0; t < x.Length; t++) y[t] += a * x[t];
    }
}
