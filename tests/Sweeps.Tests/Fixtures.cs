using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Planning;
using Collapse.Sweeps.Specs;

namespace Collapse.Sweeps.Tests;

/// <summary>Temporary sweep folders and a fake <c>collapse</c> (a POSIX shell script) for executor tests.</summary>
public static class Fixtures
{
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-sweeps-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static SweepSpec Spec(string json, string? workingDirectory = null) =>
        SweepSpec.Parse(json, "spec.json", workingDirectory ?? TempDir());

    public static SweepPlan Plan(string json)
    {
        var dir = TempDir();
        return SweepPlanner.Plan(SweepSpec.Parse(json, "spec.json", dir), Path.Combine(dir, "sweep")).Plan;
    }

    /// <summary>
    /// A fake collapse: reads --classes, --seed, --mode and the result flags. mode ok prints/writes
    /// {"product": classes·seed, "nested": {"sum": classes+seed, "none": null}, "claims": [{"claimId": "c1", "verdict": "holds"}], "wallSeconds": random};
    /// fail prints "error: --classes C: refused" to stderr and exits 2; garbage prints non-JSON and exits 0;
    /// falsified prints the JSON and exits 1; crash prints an unhandled-exception trace and exits 134; sleep sleeps 30 s.
    /// </summary>
    public static CommandLauncher FakeCollapse { get; } = new("/bin/sh", ["-c", """
        classes=0; seed=0; out=""; json=0; mode=ok
        while [ $# -gt 0 ]; do
          case "$1" in
            --classes) classes=$2; shift 2 ;;
            --seed) seed=$2; shift 2 ;;
            --mode) mode=$2; shift 2 ;;
            --out) out=$2; shift 2 ;;
            --json) json=1; shift ;;
            *) shift ;;
          esac
        done
        body="{\"product\": $((classes * seed)), \"nested\": {\"sum\": $((classes + seed)), \"none\": null}, \"claims\": [{\"claimId\": \"c1\", \"verdict\": \"holds\"}], \"wallSeconds\": $$}"
        emit() { if [ -n "$out" ]; then printf '%s' "$body" > "$out/summary.json"; else printf '%s\n' "$body"; fi; }
        case $mode in
          ok) emit ;;
          falsified) emit; exit 1 ;;
          fail) echo "warming up" >&2; echo "error: --classes $classes: refused" >&2; exit 2 ;;
          garbage) echo "not json"; exit 0 ;;
          crash) printf 'Unhandled exception. System.InvalidOperationException: boom\n   at Foo.Bar()\n' >&2; exit 134 ;;
          sleep) sleep 30 ;;
        esac
        """, "fake-collapse"]);

    /// <summary>Executes every run of a plan in-process with the fake collapse.</summary>
    public static LocalExecutor.RunOne InProcess(SweepPlan plan, CommandLauncher? launcher = null) =>
        (run, token) => RunExecutor.ExecuteAsync(plan, run, launcher ?? FakeCollapse, null, token);
}
