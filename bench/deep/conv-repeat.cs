#:project ../../src/DeepValidation/DeepValidation.csproj
#:property TreatWarningsAsErrors=true
// Repeatability of a small-channel convolution backward pass (the width-4 ResNet case of docs/deep-validation.md):
// PASSES identical forward/backward passes of conv(4→4, 3×3) → ReLU → conv → ReLU → Σy², counting NaN results and
// distinct values of Σ|∂L/∂W₁|. Run it under DNNL_MAX_CPU_ISA=AVX2 / ALL and with/without a GC hammer thread to
// separate oneDNN kernel faults from the TorchSharp Scalar finalizer race (bench/deep/scalar-race.cs).
// Usage: DNNL_MAX_CPU_ISA=ALL dotnet run -c Release bench/deep/conv-repeat.cs -- [PASSES] [pow|mul] [hammer|nohammer] [THREADS]
using System.Globalization;
using Collapse.DeepValidation.Training;
using TorchSharp;
using static TorchSharp.torch;

var passes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var square = args.Length > 1 ? args[1] : "mul";
var hammer = args.Length > 2 && args[2] == "hammer";
var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
TorchRuntime.EnsureConfigured();
if (threads > 0) set_num_threads(threads);
var stop = false;
var gc = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(); GC.WaitForPendingFinalizers(); } }) { IsBackground = true };
if (hammer) gc.Start();
random.manual_seed(0);
using var conv1 = nn.Conv2d(4, 4, 3, padding: 1, bias: false);
using var conv2 = nn.Conv2d(4, 4, 3, padding: 1, bias: false);
using var x = randn(20, 4, 16, 16);
var counts = new Dictionary<float, int>();
var nan = 0;
for (var r = 0; r < passes; r++)
{
    using var scope = NewDisposeScope();
    conv1.zero_grad();
    conv2.zero_grad();
    var y = nn.functional.relu(conv2.forward(nn.functional.relu(conv1.forward(x))));
    var loss = square == "pow" ? y.pow(2).sum() : (y * y).sum();
    loss.backward();
    var v = conv1.weight!.grad!.abs().sum().item<float>();
    if (float.IsNaN(v)) { nan++; continue; }
    counts[v] = counts.GetValueOrDefault(v) + 1;
}
Volatile.Write(ref stop, true);
var top = counts.Count == 0 ? 0 : counts.Values.Max();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"DNNL_MAX_CPU_ISA={TorchRuntime.OneDnnIsa} threads={get_num_threads()} square={square}{(hammer ? " +GC hammer" : "")}: {passes} passes, {nan} NaN, {counts.Count} distinct finite values, {passes - nan - top} passes off the most common value"));
