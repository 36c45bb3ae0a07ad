using Collapse.Theory.Svm;

namespace Collapse.LeSde.Analysis;

/// <summary>
/// Whether the representatives of two classes are linearly separable: is there (v, c) with v·x + c &gt; 0 for every
/// representative x of one class and &lt; 0 for every one of the other? First a certificate along the mean difference
/// (if the projections on F̄_a − F̄_b do not overlap, the classes are separable, exactly verified); otherwise the
/// exact test: in R¹ and R² the convex hulls are compared directly (<see cref="PlanarSeparability"/>), otherwise the
/// feasibility LP of <see cref="SvmSeparability"/> (OR-Tools GLOP; an LP solver's status is meaningful, no quadratic
/// term) on the augmented features [x, 1] with two classes, which is feasible iff the classes are strictly separable by
/// an affine hyperplane.
/// </summary>
public static class PairwiseSeparability
{
    /// <summary>Number of separable class pairs, out of K(K−1)/2 (<paramref name="features"/> class-sorted, n per class).</summary>
    public static int SeparablePairs(ReadOnlySpan<double> features, ReadOnlySpan<double> means, int classes, int perClass, int dim)
    {
        var count = 0;
        var buffer = new double[2 * perClass * (dim + 1)];
        var labels = new int[2 * perClass];
        for (var i = 0; i < perClass; i++) labels[perClass + i] = 1;
        for (var a = 0; a < classes; a++)
            for (var b = a + 1; b < classes; b++)
                if (Separable(features, means, a, b, perClass, dim, buffer, labels)) count++;
        return count;
    }

    /// <summary>True iff classes <paramref name="a"/> and <paramref name="b"/> are strictly affinely separable.</summary>
    public static bool Separable(ReadOnlySpan<double> features, ReadOnlySpan<double> means, int a, int b, int perClass, int dim)
    {
        var labels = new int[2 * perClass];
        for (var i = 0; i < perClass; i++) labels[perClass + i] = 1;
        return Separable(features, means, a, b, perClass, dim, new double[2 * perClass * (dim + 1)], labels);
    }

    private static bool Separable(ReadOnlySpan<double> features, ReadOnlySpan<double> means, int a, int b, int perClass, int dim,
        double[] buffer, int[] labels)
    {
        // Certificate along w = F̄_a − F̄_b: min_a ⟨w, x⟩ > max_b ⟨w, x⟩ ⇒ separable.
        var minA = double.PositiveInfinity;
        var maxB = double.NegativeInfinity;
        for (var i = 0; i < perClass; i++)
        {
            minA = Math.Min(minA, Project(features.Slice((a * perClass + i) * dim, dim), means, a, b, dim));
            maxB = Math.Max(maxB, Project(features.Slice((b * perClass + i) * dim, dim), means, a, b, dim));
        }
        if (minA > maxB) return true;
        if (perClass == 1) return !features.Slice(a * dim, dim).SequenceEqual(features.Slice(b * dim, dim));
        var pointsA = features.Slice(a * perClass * dim, perClass * dim);
        var pointsB = features.Slice(b * perClass * dim, perClass * dim);
        if (dim == 1) return PlanarSeparability.SeparableOnLine(pointsA, pointsB);
        if (dim == 2 && PlanarSeparability.Separable(pointsA, pointsB, perClass) is bool planar) return planar;
        // Exact decision: the LP on [x, c].
        var constant = Scale(features, a, b, perClass, dim);
        for (var i = 0; i < 2 * perClass; i++)
        {
            var source = features.Slice(((i < perClass ? a : b) * perClass + i % perClass) * dim, dim);
            var target = buffer.AsSpan(i * (dim + 1), dim + 1);
            source.CopyTo(target);
            target[dim] = constant;
        }
        return SvmSeparability.IsSeparable(buffer, labels, 2);
    }

    private static double Project(ReadOnlySpan<double> x, ReadOnlySpan<double> means, int a, int b, int dim)
    {
        var s = 0.0;
        for (var j = 0; j < dim; j++) s += x[j] * (means[a * dim + j] - means[b * dim + j]);
        return s;
    }

    /// <summary>
    /// The constant coordinate of the augmented features: the largest |x_j| of the pair (at least 1), so that it is on
    /// the scale of the features (the LP is scaled by max‖x‖; a constant 1 beside coordinates of 1e6 would be lost).
    /// </summary>
    private static double Scale(ReadOnlySpan<double> features, int a, int b, int perClass, int dim)
    {
        var s = 1.0;
        foreach (var c in new[] { a, b })
            foreach (var v in features.Slice(c * perClass * dim, perClass * dim)) s = Math.Max(s, Math.Abs(v));
        return s;
    }
}
