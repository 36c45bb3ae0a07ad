#:project ../../src/Theory/Theory.csproj
#:property TreatWarningsAsErrors=true
// Rounding of the two sides of the exact inequalities cdnv-bounds-ncc-error and jensen-collapsed-risk, for their
// tolerances (docs/risk-and-ncc.md): the cdnv of NcMetrics against the same formula in decimal (28 digits), and the
// log-domain risk of CollapsedRisk against a plain float64 mean, over seeds 1…S of random instances.
// Usage: dotnet run -c Release bench/claims/rounding.cs -- [SEEDS]
using System.Globalization;
using Collapse.Theory.Loss;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;

var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
double worstCdnv = 0, worstRisk = 0;
for (var seed = 1; seed <= seeds; seed++)
{
    var rng = new Random(seed);
    int k = 2 + rng.Next(9), d = 1 + rng.Next(30), n = 10 + rng.Next(191);
    var x = new double[k * n * d];
    var y = new int[k * n];
    var centres = new double[k * d];
    for (var i = 0; i < centres.Length; i++) centres[i] = Normal(rng);
    var sigma = Math.Exp(rng.NextDouble() * 4 - 3);
    for (var c = 0; c < k; c++)
        for (var i = 0; i < n; i++)
        {
            y[c * n + i] = c;
            for (var j = 0; j < d; j++) x[(c * n + i) * d + j] = centres[c * d + j] + sigma * Normal(rng);
        }
    var report = NcMetrics.Compute(x, y, k, d);
    var exact = DecimalCdnv(x, y, k, d, n);
    var relCdnv = Math.Abs(report.Cdnv - exact) / exact;
    var w = Matrix<double>.Build.Dense(k, d, (_, _) => Normal(rng));
    var classifier = new Classifier(w);
    var logRisk = CollapsedRisk.LogRisk(x, y, classifier, RiskLoss.CrossEntropy);
    var z = new double[k];
    var plain = 0.0;
    for (var i = 0; i < y.Length; i++)
    {
        classifier.Logits(x.AsSpan(i * d, d), z);
        var max = z.Max();
        var lse = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        plain += (lse - z[y[i]]) / y.Length;
    }
    var relRisk = Math.Abs(Math.Exp(logRisk) - plain) / plain;
    worstCdnv = Math.Max(worstCdnv, relCdnv);
    worstRisk = Math.Max(worstRisk, relRisk);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed,2}: K={k} d={d} n={n}: cdnv rel. error {relCdnv:E2}; CE risk log-domain vs plain rel. diff {relRisk:E2} (risk {plain:G4})"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst: cdnv {worstCdnv:E2}, CE risk {worstRisk:E2}"));

static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

static double DecimalCdnv(double[] x, int[] y, int k, int d, int n)
{
    var means = new decimal[k * d];
    for (var i = 0; i < y.Length; i++)
        for (var j = 0; j < d; j++) means[y[i] * d + j] += (decimal)x[i * d + j];
    for (var i = 0; i < means.Length; i++) means[i] /= n;
    var variance = new decimal[k];
    for (var i = 0; i < y.Length; i++)
        for (var j = 0; j < d; j++) { var r = (decimal)x[i * d + j] - means[y[i] * d + j]; variance[y[i]] += r * r; }
    for (var c = 0; c < k; c++) variance[c] /= n;
    decimal sum = 0;
    var pairs = 0;
    for (var a = 0; a < k; a++)
        for (var b = a + 1; b < k; b++)
        {
            decimal dist = 0;
            for (var j = 0; j < d; j++) { var t = means[a * d + j] - means[b * d + j]; dist += t * t; }
            sum += (variance[a] + variance[b]) / (2 * dist);
            pairs++;
        }
    return (double)(sum / pairs);
}
