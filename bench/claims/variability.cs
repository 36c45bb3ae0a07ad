#:project ../../src/LeSde/LeSde.csproj
#:property TreatWarningsAsErrors=true
// Seed-to-seed variability of claims, for setting tolerances (docs: ≥ 10 seeds, ≥ 3× headroom): runs each named
// claim with seeds 1…S at the given case count and prints measured, expected, verdict, wall time and the detail.
// Usage: dotnet run -c Release bench/claims/variability.cs -- [--seeds S] [--cases C] [--param NAME=VALUE]… ID…
using System.Diagnostics;
using System.Globalization;
using Collapse.Theory.Claims;

var seeds = 10;
var cases = 20;
var overrides = new Dictionary<string, string>();
var ids = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--cases": cases = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--param": var kv = args[++i].Split('=', 2); overrides[kv[0]] = kv[1]; break;
        default: ids.Add(args[i]); break;
    }
}
var registry = new ClaimRegistry(TheoryClaims.All(), Collapse.LeSde.Claims.LeSdeClaims.All());
foreach (var id in ids)
{
    var claim = registry.Get(id);
    Console.WriteLine($"== {id} (cases {cases}, seeds 1…{seeds}{(overrides.Count == 0 ? "" : ", " + string.Join(" ", overrides.Select(o => $"{o.Key}={o.Value}")))})");
    for (var seed = 1; seed <= seeds; seed++)
    {
        var clock = Stopwatch.StartNew();
        var r = claim.Check(new ClaimContext(overrides, cases, seed));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed,3}  {r.Verdict,-12} measured {r.Measured,12:G6}  expected {r.Expected,10:G6}  tol {r.Tolerance:G3}  {clock.Elapsed.TotalSeconds,6:F2} s  {r.Detail}"));
    }
}
