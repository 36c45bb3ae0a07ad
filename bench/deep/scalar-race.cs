#:project ../../src/DeepValidation/DeepValidation.csproj
#:property TreatWarningsAsErrors=true
// Does a TorchSharp Scalar created implicitly for a native call (t.add_(u, alpha: 0.5), t.mul_(0.5), …) get finalized
// while the call still uses it? TorchSharp 0.107 passes scalar.Handle to native code without GC.KeepAlive, so a
// garbage collection on another thread during the call can run the Scalar's finalizer, which frees the native
// c10::Scalar the kernel is reading (use-after-free: a wrong value, "Expected false to be true" from
// Scalar::toDouble, or SIGSEGV). This bench hammers the GC from a second thread while the main thread runs many small
// in-place ops, with implicit Scalars (the TorchSharp optimizers' way) or with explicit Scalars kept alive
// (GC.KeepAlive, the way Collapse's SafeSgd does it), and counts wrong results and exceptions.
// Usage: dotnet run -c Release bench/deep/scalar-race.cs -- [implicit|explicit] [ITERATIONS] [hammer|nohammer]
using System.Diagnostics;
using System.Globalization;
using Collapse.DeepValidation.Training;
using TorchSharp;
using static TorchSharp.torch;

var mode = args.Length > 0 ? args[0] : "implicit";
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
var hammer = args.Length <= 2 || args[2] != "nohammer";
TorchRuntime.EnsureConfigured();
using var t = zeros(64);
using var u = ones(64);
var stop = false;
var collections = 0;
var gc = new Thread(() =>
{
    while (!Volatile.Read(ref stop))
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        collections++;
    }
}) { IsBackground = true };
if (hammer) gc.Start();
int wrong = 0, errors = 0;
var clock = Stopwatch.StartNew();
for (var i = 0; i < iterations; i++)
{
    try
    {
        t.zero_();
        if (mode == "implicit")
        {
            t.add_(u, alpha: 0.5); // implicit Scalar(0.5), unreachable once its handle is read
            t.mul_(4.0);           // implicit Scalar(4.0)
        }
        else
        {
            var half = 0.5.ToScalar();
            var four = 4.0.ToScalar();
            t.add_(u, alpha: half);
            t.mul_(four);
            GC.KeepAlive(half);
            GC.KeepAlive(four);
            half.Dispose();
            four.Dispose();
        }
        var v = t[0].item<float>();
        if (v != 2.0f) wrong++;
    }
    catch (Exception ex) when (ex is System.Runtime.InteropServices.ExternalException)
    {
        errors++;
        if (errors <= 3) Console.Error.WriteLine($"iteration {i}: {ex.Message.Split('\n')[0]}");
    }
}
Volatile.Write(ref stop, true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{mode}{(hammer ? " + GC hammer" : "")}: {iterations} iterations in {clock.Elapsed.TotalSeconds:F1} s, {collections} forced collections: {wrong} wrong results, {errors} native errors"));
