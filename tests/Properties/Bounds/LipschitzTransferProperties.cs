using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using Collapse.Theory.Etf;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>Paper-notes P6 (Gao et al. 2023 Thm 4.8 mechanism [R]) for the tight linear map f(x) = L·S x.</summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class LipschitzTransferProperties
{
    [Property]
    public void NoPointInsideTheTransferRadiusIsConfusedAndTheRadiusIsTight(PermutedSpec spec)
    {
        var rng = new Random(spec.Seed);
        int k = spec.K, din = spec.D + 1, dfeat = spec.D;
        var lip = Draw.LogUniform(rng, 0.1, 10);
        var a = lip * RandomOrthogonal.Stiefel(din, dfeat, rng).Transpose();
        var w = RandomOrthogonal.Gaussian(k, dfeat, rng);
        var xj = Vector<double>.Build.Dense(din, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        var y = (w * (a * xj)).MaximumIndex();
        for (var l = 0; l < k; l++)
        {
            if (l == y) continue;
            var dw = w.Row(y) - w.Row(l);
            var gamma = dw * (a * xj);
            var eps = LipschitzMarginTransfer.Radius(gamma, lip, dw.L2Norm());
            var steep = -a.TransposeThisAndMultiply(dw).Normalize(2);
            Near.True(dw * (a * (xj + 0.999 * eps * steep)) > 0, $"pair ({y},{l}): confused inside ε = {eps:R}");
            Near.True(dw * (a * (xj + 1.001 * eps * steep)) < 0, $"pair ({y},{l}): not confused just outside ε = {eps:R} (radius not tight)");
        }
    }
}
