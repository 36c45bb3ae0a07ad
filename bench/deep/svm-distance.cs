#:project ../../src/Ufm/Ufm.csproj
#:property TreatWarningsAsErrors=true
// Cost of the svmDistance column of `collapse deep train`: the certified multi-class SVM of the train features
// ([h 1], the network's last layer has a bias) per exported epoch, solved cold and warm-started from the previous
// epoch's support (as DeepTrainer does), best of ROUNDS. Make the run folder first, e.g.
//   collapse deep train --dataset mnist-subset --epochs 40 --lr-milestones 15,30 --export-epochs 30,31,…,40 --out RUN
// Usage: dotnet run -c Release bench/deep/svm-distance.cs -- RUN/export [ROUNDS]
using System.Diagnostics;
using System.Globalization;
using Collapse.Theory.IO;
using Collapse.Theory.Svm;
using Collapse.Ufm.Trajectories;

var folder = args.Length > 0 ? args[0] : throw new ArgumentException("usage: svm-distance.cs EXPORT_DIR [ROUNDS]");
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
IReadOnlyList<int>? previous = null;
Console.WriteLine("epoch      N    d  support  cold_s  warm_s  svmDistance  certified");
foreach (var dir in Directory.GetDirectories(folder, "epoch-*").Order(StringComparer.Ordinal))
{
    var h = NpyReader.ReadMatrix(Path.Combine(dir, "train_features.npy"));
    var y = NpyReader.ReadLabels(Path.Combine(dir, "train_labels.npy"));
    var w = NpyReader.ReadMatrix(Path.Combine(dir, "classifier.npy"));
    var biasPath = Path.Combine(dir, "bias.npy");
    var b = File.Exists(biasPath) ? NpyReader.ReadVector(biasPath) : null;
    int k = w.Rows, d = w.Columns;
    double Time(IReadOnlyList<int>? warm, out SvmReference? svm)
    {
        var best = double.PositiveInfinity;
        svm = null;
        for (var r = 0; r < rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            svm = SvmSolver.TrySolve(h.Data, y, k, d, b is not null, new SvmOptions { WarmStart = warm });
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
    var cold = Time(null, out var coldSvm);
    var warmTime = previous is null ? double.NaN : Time(previous, out _);
    if (coldSvm is null) { Console.WriteLine($"{Path.GetFileName(dir)}: not separable ({cold:F3} s)"); previous = null; continue; }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileName(dir)[6..],5} {y.Length,6} {d,4} {coldSvm.Support.Count,8} {cold,7:F3} {warmTime,7:F3}  {coldSvm.DirectionDistance(w.Data, b),11:F6}  {coldSvm.Certified}"));
    previous = coldSvm.Support;
}
