namespace Collapse.LeSde.Analysis;

/// <summary>
/// Exact strict linear separability of two finite point sets in R² (and R¹): separable iff their convex hulls are
/// disjoint (compact convex sets), decided by the separating-axis test on the hulls' edge normals (Andrew's monotone
/// chain for the hulls). Returns null when a hull is degenerate (fewer than 3 vertices: collinear points), where the
/// edge normals alone do not decide, so that the caller falls back to the LP.
/// </summary>
internal static class PlanarSeparability
{
    /// <summary>Separable (true/false) or undecided (null) for the points <paramref name="a"/> and <paramref name="b"/> (n×2 row-major).</summary>
    public static bool? Separable(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int count)
    {
        var hullA = Hull(a, count);
        var hullB = Hull(b, count);
        if (hullA.Length < 3 || hullB.Length < 3) return null;
        return HasSeparatingEdge(hullA, hullB) || HasSeparatingEdge(hullB, hullA);
    }

    /// <summary>Intervals on the line: separable iff they do not overlap.</summary>
    public static bool SeparableOnLine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double minA = double.PositiveInfinity, maxA = double.NegativeInfinity, minB = double.PositiveInfinity, maxB = double.NegativeInfinity;
        foreach (var v in a) { minA = Math.Min(minA, v); maxA = Math.Max(maxA, v); }
        foreach (var v in b) { minB = Math.Min(minB, v); maxB = Math.Max(maxB, v); }
        return maxA < minB || maxB < minA;
    }

    private static bool HasSeparatingEdge((double X, double Y)[] hull, (double X, double Y)[] other)
    {
        for (var i = 0; i < hull.Length; i++)
        {
            var p = hull[i];
            var q = hull[(i + 1) % hull.Length];
            // Counter-clockwise hull: the outward normal of edge p→q is (dy, −dx); the hull lies at ⟨n, x − p⟩ ≤ 0.
            double nx = q.Y - p.Y, ny = p.X - q.X;
            var separated = true;
            foreach (var o in other)
                if (nx * (o.X - p.X) + ny * (o.Y - p.Y) <= 0) { separated = false; break; }
            if (separated) return true;
        }
        return false;
    }

    private static (double X, double Y)[] Hull(ReadOnlySpan<double> xy, int count)
    {
        var pts = new (double X, double Y)[count];
        for (var i = 0; i < count; i++) pts[i] = (xy[2 * i], xy[2 * i + 1]);
        Array.Sort(pts, (u, v) => u.X != v.X ? u.X.CompareTo(v.X) : u.Y.CompareTo(v.Y));
        var hull = new (double X, double Y)[2 * count];
        var h = 0;
        for (var i = 0; i < count; i++) // lower hull
        {
            while (h >= 2 && Cross(hull[h - 2], hull[h - 1], pts[i]) <= 0) h--;
            hull[h++] = pts[i];
        }
        for (int i = count - 2, lower = h + 1; i >= 0; i--) // upper hull
        {
            while (h >= lower && Cross(hull[h - 2], hull[h - 1], pts[i]) <= 0) h--;
            hull[h++] = pts[i];
        }
        return hull[..Math.Max(0, h - 1)];
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
