using Collapse.Theory.Svm;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Svm;

/// <summary>
/// K = 2: with v = w_1 − w_0 the constraints are those of the binary bias-free SVM, y_i v·h_i ≥ 1 (y = +1 for class
/// 1, −1 for class 0), and min ½(||w_0||² + ||w_1||²) at fixed v is reached at w_1 = −w_0 = v/2. So the multi-class
/// solution is w_1 = −w_0 = v*/2 with v* the binary hard-margin SVM, and ||W||_F² = ½||v*||².
/// </summary>
public class SvmTwoClassTests
{
    [Theory]
    [InlineData(1, SvmMethod.ActiveSet)]
    [InlineData(2, SvmMethod.ActiveSet)]
    [InlineData(3, SvmMethod.Pdlp)]
    public void TwoClassSvmIsTheBinarySvmWithOppositeRows(int seed, SvmMethod method)
    {
        const int n = 8, d = 3;
        var rng = new Random(seed);
        var features = new double[n * d];
        var labels = new int[n];
        double[] direction = [3, 1, 0.5];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            var sign = labels[i] == 1 ? 1 : -1;
            for (var t = 0; t < d; t++) features[i * d + t] = sign * direction[t] + 0.6 * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
        }

        var binary = BinarySvmByEnumeration(features, labels, d);
        var solution = MulticlassSvm.Solve(features, labels, 2, new SvmOptions { Method = method });

        Assert.True(solution.Certificate.IsCertified(), solution.Certificate.ToString());
        var half = 0.5 * binary;
        Assert.True((solution.W.Row(1) - half).L2Norm() < 1e-10 * half.L2Norm(), "w_1 ≠ v*/2");
        Assert.True((solution.W.Row(0) + half).L2Norm() < 1e-10 * half.L2Norm(), "w_0 ≠ −v*/2");
        Assert.Equal(Math.Sqrt(0.5) * binary.L2Norm(), solution.Certificate.NormW, 1e-10 * solution.Certificate.NormW);
    }

    /// <summary>
    /// Binary hard-margin SVM without bias by brute force: for every candidate support set S with |S| ≤ d solve
    /// the KKT system Σ_{b∈S} y_a y_b (h_a·h_b) β_b = 1, v = Σ β_b y_b h_b, and keep the S with β ≥ 0 and
    /// y_i v·h_i ≥ 1 for all i (the KKT point, unique by strict convexity).
    /// </summary>
    private static Vector<double> BinarySvmByEnumeration(double[] features, int[] labels, int d)
    {
        var n = labels.Length;
        Vector<double> H(int i) => Vector<double>.Build.Dense(d, t => features[i * d + t]);
        double Y(int i) => labels[i] == 1 ? 1 : -1;
        Vector<double>? best = null;
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var set = Enumerable.Range(0, n).Where(i => (mask >> i & 1) == 1).ToArray();
            if (set.Length > d) continue;
            var g = Matrix<double>.Build.Dense(set.Length, set.Length, (a, b) => Y(set[a]) * Y(set[b]) * H(set[a]).DotProduct(H(set[b])));
            if (Math.Abs(g.Determinant()) < 1e-12) continue;
            var beta = g.Solve(Vector<double>.Build.Dense(set.Length, 1.0));
            if (beta.Minimum() < 0) continue;
            var v = Vector<double>.Build.Dense(d);
            for (var a = 0; a < set.Length; a++) v += beta[a] * Y(set[a]) * H(set[a]);
            if (Enumerable.Range(0, n).All(i => Y(i) * v.DotProduct(H(i)) >= 1 - 1e-10) && (best is null || v.L2Norm() < best.L2Norm()))
                best = v;
        }
        return best ?? throw new InvalidOperationException("test data not separable");
    }
}
