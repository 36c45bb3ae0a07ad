using Collapse.DeepValidation.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Tests.Training;

public class SafeSgdTests
{
    /// <summary>Parameters of a small MLP after <paramref name="steps"/> steps of the optimiser <paramref name="make"/> builds, on fixed data.</summary>
    private static float[][] Train(int steps, Func<IList<TorchSharp.Modules.Parameter>, (Action ZeroGrad, Action Step, Action<double> SetLr, IDisposable Owner)> make)
    {
        TorchRuntime.EnsureConfigured();
        random.manual_seed(11);
        using var net = nn.Sequential(("a", nn.Linear(6, 8)), ("r", nn.ReLU()), ("b", nn.Linear(8, 3)));
        using var x = randn(20, 6);
        using var y = randint(0, 3, [20], ScalarType.Int64);
        var parameters = net.parameters().ToList();
        var (zero, step, setLr, owner) = make(parameters);
        using (owner)
        {
            for (var s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                if (s == steps / 2) setLr(0.01);
                zero();
                nn.functional.cross_entropy(net.forward(x), y).backward();
                step();
            }
        }
        return parameters.Select(p => p.detach().cpu().data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void SafeSgdMakesBitForBitTheUpdatesOfTorchSharpsSgd()
    {
        var reference = Train(12, ps =>
        {
            var o = optim.SGD(ps, 0.1, 0.9, weight_decay: 5e-4);
            return (() => o.zero_grad(), () => o.step(), lr => { foreach (var g in o.ParamGroups) g.LearningRate = lr; }, o);
        });
        var safe = Train(12, ps =>
        {
            var o = new SafeSgd(ps, 0.1, 0.9, 5e-4);
            return (o.ZeroGrad, o.Step, lr => o.LearningRate = lr, o);
        });
        Assert.Equal(reference.Length, safe.Length);
        for (var i = 0; i < reference.Length; i++) Assert.Equal(reference[i], safe[i]);
        var plain = Train(12, ps => { var o = new SafeSgd(ps, 0.1, 0.0, 0.0); return (o.ZeroGrad, o.Step, lr => o.LearningRate = lr, o); });
        var plainRef = Train(12, ps => { var o = optim.SGD(ps, 0.1); return (() => o.zero_grad(), () => o.step(), lr => { foreach (var g in o.ParamGroups) g.LearningRate = lr; }, o); });
        for (var i = 0; i < plain.Length; i++) Assert.Equal(plainRef[i], plain[i]);
        Assert.NotEqual(plain[0], safe[0]);
    }
}
