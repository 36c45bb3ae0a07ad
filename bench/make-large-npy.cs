#:project ../src/Theory/Theory.csproj
#:property TreatWarningsAsErrors=true
// Writes a synthetic N×d float32 feature file, int32 labels (K classes, i mod K) and a K×d float64 classifier W for
// the metrics memory/speed benchmark. Rows are written block by block (NpyStreamWriter), so this generator itself
// never holds the N×d array. Usage: dotnet run make-large-npy.cs -- OUT_DIR [N] [D] [K] [SEED]
using Collapse.Theory.IO;

var outDir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: make-large-npy.cs OUT_DIR [N] [D] [K] [SEED]");
var n = args.Length > 1 ? int.Parse(args[1]) : 200_000;
var d = args.Length > 2 ? int.Parse(args[2]) : 512;
var k = args.Length > 3 ? int.Parse(args[3]) : 10;
var seed = args.Length > 4 ? int.Parse(args[4]) : 1;
Directory.CreateDirectory(outDir);
var rng = new Random(seed);

double Gaussian()
{
    var u1 = 1.0 - rng.NextDouble();
    var u2 = rng.NextDouble();
    return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
}

var means = new double[k * d];
for (var i = 0; i < means.Length; i++) means[i] = 3.0 * Gaussian();
NpyWriter.WriteMatrix(Path.Combine(outDir, "W.npy"), means, k, d);
NpyWriter.WriteVector(Path.Combine(outDir, "b.npy"), new double[k]);

var labels = new int[n];
for (var i = 0; i < n; i++) labels[i] = i % k;
NpyWriter.WriteLabels(Path.Combine(outDir, "labels.npy"), labels);

const int block = 1000;
var rows = new double[block * d];
using (var w = new NpyStreamWriter(Path.Combine(outDir, "features.npy"), n, d, NpyDType.Float32))
{
    for (var r0 = 0; r0 < n; r0 += block)
    {
        var count = Math.Min(block, n - r0);
        for (var r = 0; r < count; r++)
        {
            var y = labels[r0 + r];
            for (var c = 0; c < d; c++) rows[(r * d) + c] = means[(y * d) + c] + Gaussian();
        }
        w.WriteRows(rows.AsSpan(0, count * d));
    }
    w.Commit();
}
Console.WriteLine($"wrote {n}×{d} float32 features, {n} labels (K = {k}), W {k}×{d} to {outDir}");
