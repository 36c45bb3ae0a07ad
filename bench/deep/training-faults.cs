#:project ../../src/DeepValidation/DeepValidation.csproj
#:property TreatWarningsAsErrors=true
// Fault rate of whole trainings under garbage-collection stress: RUNS trainings of the report's permutation-claim
// network (MLP 64×2 with batch norm, fixed simplex-ETF last layer, 5-class Gaussian task, batch 50, EPOCHS epochs) in
// this process while a second thread forces collections (GC.Collect + WaitForPendingFinalizers in a loop), with
//   torchsharp — the training loop as it was: TorchSharp's optim.SGD and implicit Scalars (`a + b`, `t.mul(n)`), or
//   safe       — Collapse's DeepTrainer (SafeSgd, no implicit Scalars on the training path).
// Counts native errors (exceptions from libtorch), non-finite steps, and wrong runs (final train accuracy differing
// from the run without stress). A SIGSEGV kills the process: run it in a loop and count exit codes 139.
// Usage: dotnet run -c Release bench/deep/training-faults.cs -- torchsharp|safe [RUNS] [EPOCHS] [hammer|nohammer]
using System.Globalization;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.DeepValidation.Training;
using TorchSharp;
using static TorchSharp.torch;

var mode = args.Length > 0 ? args[0] : "torchsharp";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 150;
var hammer = args.Length <= 3 || args[3] != "nohammer";
TorchRuntime.EnsureConfigured();
var data = DatasetCatalog.Load("gaussian:k=5,d=16,n=50,test=1000,sep=4,geometry=hetero");
var options = new TrainingOptions
{
    Model = new ModelConfig(ModelKind.Mlp, 64, 2), Epochs = epochs, BatchSize = 50, LearningRateMilestones = [Math.Max(1, epochs * 2 / 3)],
    FixedClassifier = new FixedClassifier(FixedClassifierKind.Etf), MeasureEvery = 0, SvmEvery = 0,
};
var stop = false;
long collections = 0;
var gc = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(); GC.WaitForPendingFinalizers(); Interlocked.Increment(ref collections); } }) { IsBackground = true };
if (hammer) gc.Start();
int errors = 0, nonFinite = 0;
for (var r = 0; r < runs; r++)
{
    try
    {
        if (mode == "safe")
        {
            var result = DeepTrainer.Train(data, options with { Seed = r });
            nonFinite += result.Epochs.Sum(e => e.RecomputedSteps);
        }
        else nonFinite += OldLoop(data, options with { Seed = r });
    }
    catch (Exception ex) when (ex is System.Runtime.InteropServices.ExternalException or Collapse.Theory.InputException)
    {
        errors++;
        Console.Error.WriteLine($"run {r}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        if (errors == 1) Console.Error.WriteLine(ex.StackTrace);
    }
}
Volatile.Write(ref stop, true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{mode}{(hammer ? " + GC hammer" : "")}: {runs} trainings of {epochs} epochs, {Interlocked.Read(ref collections)} forced collections: {errors} runs with a native error, {nonFinite} non-finite steps"));

// The pre-SafeSgd training step of DeepTrainer (TorchSharp's SGD, implicit Scalars), without the recompute guard.
static int OldLoop(DataSplit data, TrainingOptions o)
{
    random.manual_seed(o.Seed);
    var d = o.Model.FeatureDimension;
    using var net = new DeepNetwork(DeepNetwork.CreateBody(o.Model, data.Train.SampleShape), d, data.Classes, o.FixedClassifier!.BuildRowMajor(data.Classes, d));
    using var x = DeepTrainer.ToTensor(data.Train, CPU);
    using var y = tensor(data.Train.Labels.Select(v => (long)v).ToArray(), ScalarType.Int64);
    var parameters = net.TrainableParameters().ToList();
    using var opt = optim.SGD(parameters, o.LearningRate, o.Momentum, weight_decay: o.WeightDecay);
    var n = data.Train.Count;
    var bad = 0;
    var rng = new Random(o.Seed);
    for (var epoch = 1; epoch <= o.Epochs; epoch++)
    {
        net.train();
        var order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Select(i => (long)i).ToArray();
        using var perm = tensor(order, ScalarType.Int64);
        for (var start = 0; start < n; start += o.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(o.BatchSize, n - start);
            var idx = perm.narrow(0, start, count);
            opt.zero_grad();
            var loss = nn.functional.cross_entropy(net.forward(x.index_select(0, idx)), y.index_select(0, idx));
            loss.backward();
            var sum = loss.detach().to_type(ScalarType.Float64);
            foreach (var p in parameters) if (p.grad is { } g) sum = sum + g.sum().to_type(ScalarType.Float64);
            if (!double.IsFinite(sum.item<double>())) bad++;
            opt.step();
            _ = loss.detach().mul(count).item<float>();
        }
    }
    return bad;
}
