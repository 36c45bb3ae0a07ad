namespace Collapse.Cli.Tests.Fuzz;

internal static partial class FuzzCorpus
{
    /// <summary>A valid tiny etf sweep spec; the broken ones below differ from it in one field.</summary>
    private const string EtfSpec = """{ "name": "etf", "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": 2 }""";

    private static IEnumerable<FuzzCase> Sweep()
    {
        foreach (var (name, spec, fragment) in new[]
                 {
                     ("malformed-json", """{ "command": "etf", "axes": { "classes": [3, 4 }""", ""),
                     ("empty-file", "", ""),
                     ("json-array", "[1, 2, 3]", ""),
                     ("json-null", "null", ""),
                     ("trailing-garbage", EtfSpec + " }", ""),
                     ("without-command", """{ "axes": { "classes": [3, 4] } }""", "command"),
                     ("unknown-command", """{ "command": "etff", "axes": { "classes": [3, 4] } }""", "etff"),
                     ("command-not-a-string", """{ "command": 7, "axes": { "classes": [3, 4] } }""", "command"),
                     ("unknown-axis", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "clases": [3, 4] } }""", "clases"),
                     ("unknown-fixed-option", """{ "command": "etf", "fixed": { "dim": 6, "colour": "red" }, "axes": { "classes": [3, 4] } }""", "colour"),
                     ("unknown-top-level-key", """{ "command": "etf", "fixed": { "dim": 6 }, "axis": { "classes": [3, 4] } }""", "axis"),
                     ("empty-axis", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [] } }""", "classes"),
                     ("axis-not-a-list", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": 3 } }""", "classes"),
                     ("axis-of-objects", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [{ "k": 3 }] } }""", "classes"),
                     ("axis-with-null", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, null] } }""", "classes"),
                     ("axis-repeated-value", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 3] } }""", "classes"),
                     ("axis-also-fixed", """{ "command": "etf", "fixed": { "dim": 6, "classes": 3 }, "axes": { "classes": [3, 4] } }""", "classes"),
                     ("range-count-zero", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "count": 0 } } }""", "classes"),
                     ("range-count-negative", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "count": -2 } } }""", "classes"),
                     ("range-count-huge", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "count": 1e12 } } }""", "classes"),
                     ("range-step-zero", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "step": 0 } } }""", "classes"),
                     ("range-step-wrong-sign", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "step": -1 } } }""", "classes"),
                     ("range-log-from-zero", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 0, "to": 5, "count": 3, "scale": "log" } } }""", "classes"),
                     ("range-unknown-scale", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 5, "count": 3, "scale": "cubic" } } }""", "cubic"),
                     ("range-integer-collision", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 4, "count": 5, "integer": true } } }""", "classes"),
                     ("range-without-to", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "count": 2 } } }""", "classes"),
                     ("range-nan-literal", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": NaN, "to": 4, "count": 2 } } }""", ""),
                     ("axis-value-beyond-float64", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 1e400] } }""", "1e400"),
                     ("fixed-value-beyond-float64", """{ "command": "etf", "fixed": { "dim": -1e999 }, "axes": { "classes": [3, 4] } }""", "1e999"),
                     ("seeds-beyond-float64", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": 1e400 }""", "seeds"),
                     ("range-from-beyond-float64", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": { "from": 3, "to": 1e400, "count": 2 } } }""", "classes"),
                     ("seeds-zero", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": 0 }""", "seeds"),
                     ("seeds-negative", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": -3 }""", "seeds"),
                     ("seeds-string", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": "three" }""", "seeds"),
                     ("seeds-repeated", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": [7, 7] }""", "seeds"),
                     ("seed-option-unknown", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "seeds": 2, "seedOption": "sed" }""", "sed"),
                     ("result-unknown", """{ "command": "etf", "fixed": { "dim": 6 }, "axes": { "classes": [3, 4] }, "result": "csv" }""", "result"),
                     ("result-summary-without-out", """{ "command": "check etf-gram", "fixed": { "cases": 2 }, "axes": { "param.maxClasses": [3, 4] }, "result": "summary" }""", "result"),
                 })
            yield return Bad("sweep", "plan-" + name, ws => ["sweep", "plan", ws.Text("spec.json", spec), "--out", ws.Out], Fragments("spec.json", fragment));
        yield return Bad("sweep", "plan-empty-string-spec", ws => ["sweep", "plan", "", "--out", ws.Out], "spec");
        yield return Bad("sweep", "plan-out-empty-string", ws => ["sweep", "plan", ws.Text("spec.json", EtfSpec), "--out", ""], "--out");
        yield return Bad("sweep", "plan-missing-spec", ws => ["sweep", "plan", ws.PathOf("nope.json"), "--out", ws.Out], "nope.json");
        yield return Bad("sweep", "plan-spec-is-a-folder", ws => ["sweep", "plan", ws.Folder("spec.json"), "--out", ws.Out], "spec.json");
        yield return Bad("sweep", "plan-out-is-a-file", ws => ["sweep", "plan", ws.Text("spec.json", EtfSpec), "--out", ws.ExistingFile], "taken.txt");
        yield return Bad("sweep", "plan-out-unwritable", ws => ["sweep", "plan", ws.Text("spec.json", EtfSpec), "--out", ws.Unwritable], "taken.txt");
        yield return Bad("sweep", "plan-without-out", ws => ["sweep", "plan", ws.Text("spec.json", EtfSpec)], "--out");

        foreach (var verb in new[] { "run", "exec", "merge" })
        {
            string[] Tail(string v) => v switch { "run" => ["--local"], "exec" => ["--index", "0"], _ => [] };
            yield return Bad("sweep", verb + "-missing-folder", ws => ["sweep", verb, ws.PathOf("no-sweep"), .. Tail(verb)], "no-sweep");
            yield return Bad("sweep", verb + "-folder-without-plan", ws => ["sweep", verb, ws.ExistingOut, .. Tail(verb)], "existing-out");
            yield return Bad("sweep", verb + "-garbage-plan", ws =>
            {
                var dir = ws.Folder("garbage-sweep");
                File.WriteAllText(Path.Combine(dir, "plan.json"), "{ \"runs\": [ ");
                return ["sweep", verb, dir, .. Tail(verb)];
            }, "plan.json");
        }
        yield return Bad("sweep", "run-without-executor", ws => ["sweep", "run", Planned(ws)], "--local");
        yield return Bad("sweep", "run-local-and-slurm", ws => ["sweep", "run", Planned(ws), "--local", "--slurm"], "--slurm");
        yield return Bad("sweep", "run-jobs-zero", ws => ["sweep", "run", Planned(ws), "--local", "--jobs", "0"], "--jobs");
        yield return Bad("sweep", "run-jobs-negative", ws => ["sweep", "run", Planned(ws), "--local", "--jobs", "-2"], "--jobs");
        yield return Bad("sweep", "run-threads-zero", ws => ["sweep", "run", Planned(ws), "--local", "--threads", "0"], "--threads");
        yield return Bad("sweep", "run-missing-collapse", ws => ["sweep", "run", Planned(ws), "--local", "--collapse", ws.PathOf("no-collapse")], "no-collapse");
        yield return Bad("sweep", "exec-unknown-id", ws => ["sweep", "exec", Planned(ws), "--id", "0123456789abcdef"], "0123456789abcdef");
        yield return Bad("sweep", "exec-index-negative", ws => ["sweep", "exec", Planned(ws), "--index", "-1"], "--index");
        yield return Bad("sweep", "exec-index-past-the-end", ws => ["sweep", "exec", Planned(ws), "--index", "99"], "--index");
        yield return Bad("sweep", "exec-without-id-or-index", ws => ["sweep", "exec", Planned(ws)], "--id");
        yield return Bad("sweep", "exec-id-and-index", ws => ["sweep", "exec", Planned(ws), "--id", "x", "--index", "0"], "--index");
    }

    /// <summary>Plans the valid etf spec into a sweep folder of the workspace (the state the run/exec cases start from).</summary>
    private static string Planned(FuzzWorkspace ws)
    {
        var dir = ws.PathOf("sweep");
        var r = CliRunner.Run("sweep", "plan", ws.Text("spec.json", EtfSpec), "--out", dir);
        if (r.ExitCode != 0) throw new InvalidOperationException("planning the valid spec failed: " + r.Stderr);
        return dir;
    }
}
