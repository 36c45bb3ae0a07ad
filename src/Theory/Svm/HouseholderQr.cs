namespace Collapse.Theory.Svm;

/// <summary>
/// Thin QR factorisation B = Q R of a tall matrix grown one column at a time by Householder reflections (Golub &amp;
/// Van Loan, <i>Matrix Computations</i>, §5.2): appending a column costs O(rows·m); removing one refactors the rest.
/// Single-threaded and allocation-light, for the active-set loops of the SVM solvers.
/// </summary>
internal sealed class HouseholderQr
{
    private readonly int _rows;
    private readonly List<double[]> _columns = [];   // original columns (for refactoring after a removal)
    private readonly List<double[]> _reflectors = []; // v_l, full length, zero above index l
    private readonly List<double> _betas = [];        // H_l = I − β_l v_l v_lᵀ
    private readonly List<double[]> _r = [];          // column l of R, length l + 1

    /// <summary>Creates an empty factorisation of matrices with <paramref name="rows"/> rows.</summary>
    public HouseholderQr(int rows) => _rows = rows;

    /// <summary>Number of columns m.</summary>
    public int Count => _columns.Count;

    /// <summary>
    /// Appends a column; returns false (and leaves the factorisation unchanged) when it is numerically dependent on
    /// the columns already present: |r_mm| ≤ 1e-11·||column||, or there is no room (m = rows).
    /// </summary>
    public bool TryAppend(ReadOnlySpan<double> column) => Append(column, 1e-11);

    private bool Append(ReadOnlySpan<double> column, double relativeTolerance)
    {
        var m = Count;
        if (m >= _rows) return false;
        var c = column.ToArray();
        var norm0 = Math.Sqrt(SvmConstraints.Dot(c, c));
        for (var l = 0; l < m; l++) Reflect(l, c);
        var tail = 0.0;
        for (var t = m; t < _rows; t++) tail += c[t] * c[t];
        tail = Math.Sqrt(tail);
        if (!(tail > relativeTolerance * norm0)) return false;
        var alpha = c[m] >= 0 ? -tail : tail;
        var v = new double[_rows];
        v[m] = c[m] - alpha;
        for (var t = m + 1; t < _rows; t++) v[t] = c[t];
        var vv = 0.0;
        for (var t = m; t < _rows; t++) vv += v[t] * v[t];
        var r = new double[m + 1];
        Array.Copy(c, r, m);
        r[m] = alpha;
        _columns.Add(column.ToArray());
        _reflectors.Add(v);
        _betas.Add(vv > 0 ? 2 / vv : 0);
        _r.Add(r);
        return true;
    }

    /// <summary>Removes column <paramref name="index"/>; the columns after it are refactored (O(rows·m·(m − index))).</summary>
    public void RemoveAt(int index)
    {
        var tail = _columns.GetRange(index + 1, Count - index - 1);
        var count = Count - index;
        _columns.RemoveRange(index, count);
        _reflectors.RemoveRange(index, count);
        _betas.RemoveRange(index, count);
        _r.RemoveRange(index, count);
        // Dropping a column only lengthens the later columns' components outside the span, so they stay independent.
        foreach (var c in tail) Append(c, 0);
    }

    /// <summary>Removes the last column (O(1)).</summary>
    public void RemoveLast() => RemoveAt(Count - 1);

    /// <summary>Least squares argmin_z ||B z − b||: z = R⁻¹ (Qᵀ b)[0..m).</summary>
    public double[] SolveLeastSquares(ReadOnlySpan<double> b)
    {
        var x = b.ToArray();
        for (var l = 0; l < Count; l++) Reflect(l, x);
        return BackSubstitute(x.AsSpan(0, Count));
    }

    /// <summary>Minimum-norm solution of Bᵀ x = c (B has full column rank): x = Q R⁻ᵀ c. Also returns y = R⁻ᵀ c.</summary>
    public double[] SolveMinimumNorm(ReadOnlySpan<double> c, out double[] y)
    {
        var m = Count;
        y = new double[m];
        for (var l = 0; l < m; l++)
        {
            var s = c[l];
            for (var t = 0; t < l; t++) s -= _r[l][t] * y[t];
            y[l] = s / _r[l][l];
        }
        var x = new double[_rows];
        Array.Copy(y, x, m);
        for (var l = m - 1; l >= 0; l--) Reflect(l, x);
        return x;
    }

    /// <summary>Solves R z = rhs by back substitution.</summary>
    public double[] BackSubstitute(ReadOnlySpan<double> rhs)
    {
        var m = Count;
        var z = new double[m];
        for (var l = m - 1; l >= 0; l--)
        {
            var s = rhs[l];
            for (var t = l + 1; t < m; t++) s -= _r[t][l] * z[t];
            z[l] = s / _r[l][l];
        }
        return z;
    }

    /// <summary>x ← H_l x.</summary>
    private void Reflect(int l, Span<double> x)
    {
        var v = _reflectors[l];
        var s = 0.0;
        for (var t = l; t < _rows; t++) s += v[t] * x[t];
        s *= _betas[l];
        if (s == 0) return;
        for (var t = l; t < _rows; t++) x[t] -= s * v[t];
    }
}
