using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// Small residual feature extractor in the CIFAR style of He, Zhang, Ren, Sun 2016 ("Deep Residual Learning for
/// Image Recognition", §4.2): a 3×3 stem with <c>width</c> channels, three stages of <c>blocks</c> basic blocks with
/// width, 2·width, 4·width channels (strides 1, 2, 2), global average pooling. The pooled vector is the feature h.
/// </summary>
public sealed class SmallResNet : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential stages;

    /// <summary>Creates the extractor for images with <paramref name="channels"/> input channels.</summary>
    public SmallResNet(int channels, int width, int blocks) : base(nameof(SmallResNet))
    {
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), "blocks must be at least 1");
        stem = Sequential(
            ("conv", Conv2d(channels, width, 3, padding: 1, bias: false)),
            ("bn", new SafeBatchNorm(width)),
            ("relu", ReLU()));
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var cin = width;
        for (var s = 0; s < 3; s++)
        {
            var cout = width << s;
            for (var b = 0; b < blocks; b++)
            {
                var stride = s > 0 && b == 0 ? 2 : 1;
                modules.Add(($"stage{s}_block{b}", new BasicBlock(cin, cout, stride)));
                cin = cout;
            }
        }
        modules.Add(("gap", AdaptiveAvgPool2d(1)));
        modules.Add(("flatten", Flatten()));
        stages = Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => stages.forward(stem.forward(input));

    /// <summary>Two 3×3 conv–BN layers with an identity (or 1×1 projection) shortcut, then ReLU.</summary>
    private sealed class BasicBlock : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly SafeBatchNorm bn1;
        private readonly Conv2d conv2;
        private readonly SafeBatchNorm bn2;
        private readonly Sequential? shortcut;

        public BasicBlock(int cin, int cout, int stride) : base(nameof(BasicBlock))
        {
            conv1 = Conv2d(cin, cout, 3, stride: stride, padding: 1, bias: false);
            bn1 = new SafeBatchNorm(cout);
            conv2 = Conv2d(cout, cout, 3, padding: 1, bias: false);
            bn2 = new SafeBatchNorm(cout);
            if (stride != 1 || cin != cout)
                shortcut = Sequential(("conv", Conv2d(cin, cout, 1, stride: stride, bias: false)), ("bn", new SafeBatchNorm(cout)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var a = functional.relu(bn1.forward(conv1.forward(input)));
            var b = bn2.forward(conv2.forward(a));
            var skip = shortcut is null ? input : shortcut.forward(input);
            return functional.relu(b.add(skip, Collapse.DeepValidation.Training.KeptScalars.One));
        }
    }
}
