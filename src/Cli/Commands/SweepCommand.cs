using System.CommandLine;
using System.Globalization;
using Collapse.Cli.Infrastructure;
using Collapse.Cli.Rendering;
using Collapse.Sweeps.Execution;
using Collapse.Sweeps.Merging;
using Collapse.Sweeps.Planning;
using Collapse.Sweeps.Slurm;
using Collapse.Sweeps.Specs;
using Collapse.Theory;
using Spectre.Console;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse sweep plan|run|exec|merge</c>: grids of collapse runs (docs/sweeps.md). <c>plan</c> expands a spec into
/// one run folder per point; <c>run</c> executes the unfinished runs locally (bounded pool, resumable) or as a Slurm
/// job array; <c>exec</c> executes one run (the unit both executors call); <c>merge</c> writes sweep.csv.
/// </summary>
public static class SweepCommand
{
    /// <summary>Exit code when some runs failed or are unfinished.</summary>
    public const int Incomplete = 1;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("sweep", "Grids of collapse runs (ufm, deep train, check …) on this machine or a Slurm cluster, merged into one table.");
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Run());
        command.Subcommands.Add(Exec());
        command.Subcommands.Add(Merge());
        return command;
    }

    private static Command Plan()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (JSON): command, fixed options, axes, seeds (docs/sweeps.md)." };
        var output = new Option<string>("--out") { Description = "Sweep folder (created if missing; re-planning keeps finished runs).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("plan", "Expand a sweep spec into one run folder per grid point, each with its resolved config and a stable id.");
        command.Arguments.Add(spec);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec)!;
            var s = SweepSpec.Load(path);
            SweepCommandCheck.Validate(s, path, CliApp.BuildRoot());
            var outcome = SweepPlanner.Plan(s, OutputGuard.Track(parse.GetValue(output)!));
            var plan = outcome.Plan;
            new KeyValueOutput()
                .Add("name", s.Name)
                .Add("command", "collapse " + string.Join(' ', s.Command))
                .Add("result", s.Result.Name())
                .Add("axes", string.Join(" × ", s.Axes.Select(a => $"{a.Key} ({a.Values.Count})")))
                .Add("runs", plan.Runs.Count)
                .Add("created", outcome.Created)
                .Add("existing", outcome.Existing)
                .Add("done", outcome.Done)
                .Add("failed", outcome.Failed)
                .Add("stale", outcome.Stale)
                .Add("plan", SweepLayout.PlanFile(plan.Directory))
                .Write(parse.InvocationConfiguration.Output, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Run()
    {
        var dir = new Argument<string>("dir") { Description = "Sweep folder written by 'collapse sweep plan'." };
        var local = new Option<bool>("--local") { Description = "Run on this machine with a bounded worker pool (resumable)." };
        var jobs = new Option<int>("--jobs") { Description = "Runs at once with --local.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "Threads per run (OMP_NUM_THREADS, DOTNET_PROCESSOR_COUNT …); default cores / jobs with --local, --cpus-per-task with --slurm." };
        var slurm = new Option<bool>("--slurm") { Description = "Write a Slurm job-array script (one task per unfinished run) and submit it with sbatch." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Slurm time limit per run (e.g. 30, 02:00:00)." };
        var arrayLimit = new Option<int?>("--array-limit") { Description = "Most array tasks running at once (the %N of --array)." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Slurm CPUs per run.", DefaultValueFactory = _ => 1 };
        var mem = new Option<string?>("--mem") { Description = "Slurm memory per run (e.g. 4G)." };
        var account = new Option<string?>("--account") { Description = "Slurm account." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --slurm: write the script, print it and the sbatch command, submit nothing." };
        var wait = new Option<bool>("--wait") { Description = "With --slurm: wait until every submitted run has finished (polls status files and squeue), then summarize." };
        var sbatch = new Option<string>("--sbatch") { Description = "sbatch program to submit with.", DefaultValueFactory = _ => "sbatch" };
        var retry = new Option<bool>("--retry-failed") { Description = "Also rerun runs that failed (default: only runs without a status)." };
        var collapse = new Option<string?>("--collapse") { Description = "collapse executable (or collapse.dll) each run calls; default: this one." };

        var command = new Command("run", "Execute the unfinished runs of a sweep: --local (worker pool, resumable) or --slurm (job array via sbatch).");
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { local, jobs, threads, slurm, partition, time, arrayLimit, cpus, mem, account, dryRun, wait, sbatch, retry, collapse })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(local) == parse.GetValue(slurm)) throw new InputException("choose one executor: --local or --slurm");
            var plan = SweepPlan.Load(parse.GetValue(dir)!);
            var launcher = CollapseExecutable.Locate(parse.GetValue(collapse));
            var t = parse.GetValue(threads);
            if (t is < 1) throw new InputException($"--threads {t}: must be at least 1");
            if (parse.GetValue(local))
            {
                foreach (var o in new Option[] { partition, time, arrayLimit, mem, account, dryRun, wait })
                    if (parse.GetResult(o) is { Implicit: false }) throw new InputException($"{o.Name}: only with --slurm");
                var j = parse.GetValue(jobs);
                if (j < 1) throw new InputException($"--jobs {j}: must be at least 1");
                return RunLocal(plan, launcher, j, t ?? Math.Max(1, Environment.ProcessorCount / j), parse.GetValue(retry), stdout);
            }
            if (parse.GetResult(jobs) is { Implicit: false }) throw new InputException("--jobs: only with --local (use --array-limit with --slurm)");
            var options = new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(arrayLimit), parse.GetValue(cpus), parse.GetValue(mem), parse.GetValue(account));
            return RunSlurm(plan, launcher, options, parse.GetValue(dryRun), parse.GetValue(wait), parse.GetValue(sbatch)!, parse.GetValue(retry), stdout);
        });
        return command;
    }

    private static int RunLocal(SweepPlan plan, CommandLauncher launcher, int jobs, int threads, bool retryFailed, TextWriter stdout)
    {
        using var signals = new SignalCancellation();
        var runOne = SelfExec.For(plan, launcher, threads);
        LocalRunSummary Execute(IProgress<SweepProgress> progress) =>
            LocalExecutor.RunAsync(plan, jobs, retryFailed, runOne, progress, signals.Token).GetAwaiter().GetResult();
        var summary = ConsoleProgress.Interactive(stdout)
            ? ConsoleProgress.WithBar($"sweep {Markup.Escape(plan.Spec.Name)}", PendingRuns.Of(plan, retryFailed).ToRun.Count,
                task => Execute(new BarProgress<SweepProgress>(task, ShowOnBar)))
            : Execute(new LineProgress<SweepProgress>(stdout, Line));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {plan.Spec.Name}: {summary.Planned} runs; {summary.AlreadyDone} already done, ran {summary.Ran} with {jobs} job{(jobs == 1 ? "" : "s")}: {summary.Done} done, "
                + $"{summary.Failed} failed; {summary.Unfinished} unfinished; wall {summary.WallSeconds:0.0} s"));
        if (summary.SkippedFailed > 0) stdout.WriteLine($"{summary.SkippedFailed} failed runs were left alone (rerun them with --retry-failed)");
        if (signals.Signal is not null)
        {
            stdout.WriteLine($"interrupted: rerun 'collapse sweep run {plan.Directory} --local' to finish the {summary.Unfinished} unfinished runs");
            return signals.ExitCode;
        }
        stdout.WriteLine($"next: collapse sweep merge {plan.Directory}");
        return summary.AllDone ? 0 : Incomplete;
    }

    private static int RunSlurm(SweepPlan plan, CommandLauncher launcher, SlurmOptions options, bool dryRun, bool wait, string sbatch, bool retryFailed, TextWriter stdout)
    {
        var submission = SlurmSweep.Prepare(plan, launcher, options, retryFailed);
        if (submission is null)
        {
            stdout.WriteLine($"sweep {plan.Spec.Name}: nothing to submit, all {plan.Runs.Count} runs have finished (merge with 'collapse sweep merge {plan.Directory}')");
            return 0;
        }
        var (script, tasks) = (submission.Script, submission.Indices.Count);
        if (dryRun)
        {
            stdout.Write(submission.Text);
            stdout.WriteLine($"# wrote {script}; {tasks} array tasks; submit with: {sbatch} --parsable {script}");
            return 0;
        }
        using var signals = new SignalCancellation();
        stdout.WriteLine($"sweep {plan.Spec.Name}: submitting {tasks} array tasks ({script})");
        stdout.Flush();
        SlurmJob job;
        try
        {
            job = SlurmSweep.SubmitAsync(plan, submission, sbatch, signals.Token).GetAwaiter().GetResult();
            if (!wait)
            {
                stdout.WriteLine($"submitted job {job.Id}; follow it with 'squeue -j {job.Id}', then 'collapse sweep merge {plan.Directory}'");
                return 0;
            }
            stdout.WriteLine($"submitted job {job.Id}; waiting for its {tasks} tasks");
            stdout.Flush();
            SlurmSweep.WaitAsync(plan, submission, job, sbatch, signals.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            stdout.WriteLine("stopped waiting; the job array keeps running (squeue shows it)");
            return signals.ExitCode;
        }
        var counts = SweepCounts.Of(plan);
        stdout.WriteLine($"job {job.Id} finished: {counts.Done} done, {counts.Failed} failed, {counts.Unfinished} unfinished of {counts.Runs}");
        stdout.WriteLine($"next: collapse sweep merge {plan.Directory}");
        return counts.AllDone ? 0 : Incomplete;
    }

    private static Command Exec()
    {
        var dir = new Argument<string>("dir") { Description = "Sweep folder." };
        var id = new Option<string?>("--id") { Description = "Run id (folder name under runs/)." };
        var index = new Option<int?>("--index") { Description = "Grid index in plan.json (the Slurm array index)." };
        var threads = new Option<int?>("--threads") { Description = "Threads for the run (sets OMP_NUM_THREADS, DOTNET_PROCESSOR_COUNT … where unset)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing (the run folder has everything)." };
        var collapse = new Option<string?>("--collapse") { Description = "collapse executable (or collapse.dll) to run; default: this one." };
        var command = new Command("exec", "Execute one run of a sweep (what 'run --local' and each Slurm array task call); skips it if already done.");
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { id, index, threads, quiet, collapse }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var plan = SweepPlan.Load(parse.GetValue(dir)!);
            var runId = parse.GetValue(id);
            var runIndex = parse.GetValue(index);
            if ((runId is null) == (runIndex is null)) throw new InputException("give exactly one of --id and --index");
            var run = runId is not null ? plan.ById(runId) : plan.ByIndex(runIndex!.Value);
            var launcher = CollapseExecutable.Locate(parse.GetValue(collapse));
            var t = parse.GetValue(threads);
            if (t is < 1) throw new InputException($"--threads {t}: must be at least 1");
            using var signals = new SignalCancellation();
            RunOutcome outcome;
            try
            {
                outcome = RunExecutor.ExecuteAsync(plan, run, launcher, t, signals.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return signals.ExitCode;
            }
            if (!parse.GetValue(quiet))
                parse.InvocationConfiguration.Output.WriteLine(Describe(outcome));
            return outcome.State == RunState.Done ? 0 : Incomplete;
        });
        return command;
    }

    private static Command Merge()
    {
        var dir = new Argument<string>("dir") { Description = "Sweep folder." };
        var command = new Command("merge", "Merge a sweep's runs into DIR/sweep.csv (config + results + verdicts), sweep-status.csv and sweep-axes.csv (plot data).");
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var plan = SweepPlan.Load(parse.GetValue(dir)!);
            var table = SweepMerger.Merge(plan);
            var files = SweepMerger.Write(table);
            int done = table.Count(RunState.Done), failed = table.Count(RunState.Failed), pending = table.Count(RunState.Pending);
            o.WriteLine($"sweep {plan.Spec.Name}: {table.Rows.Count} runs: {done} done, {failed} failed, {pending} unfinished");
            o.WriteLine($"wrote {files.Table} ({table.Rows.Count} rows, {table.Columns.Count} columns), {files.Status}, {files.Axes}");
            foreach (var row in table.Rows.Where(r => r.State == RunState.Failed))
                o.WriteLine($"failed  #{row.Run.Index} {row.Run.Id} {Point(plan, row.Run)}: {row.Status?.ErrorLine}");
            var unfinished = table.Rows.Where(r => r.State == RunState.Pending).Select(r => "#" + r.Run.Index.ToString(CultureInfo.InvariantCulture)).ToList();
            if (unfinished.Count > 0) o.WriteLine($"unfinished: {string.Join(", ", unfinished.Take(20))}{(unfinished.Count > 20 ? ", …" : "")}");
            return done == table.Rows.Count ? 0 : Incomplete;
        });
        return command;
    }

    private static string Point(SweepPlan plan, PlannedRun run) => SweepPreview.Point(plan, run);

    /// <summary>
    /// <c>collapse report --sweep DIR [--out R]</c>: merges the sweep and writes its report section (plots across the
    /// axes, failed runs, table) to R (default DIR/report). Exit 0 when every run is done, else 1.
    /// </summary>
    public static int Report(string sweepDir, string? outDir, TextWriter stdout)
    {
        var plan = SweepPlan.Load(sweepDir);
        var report = SweepReportBuilder.Build(plan);
        var files = Collapse.Reports.Sweeps.SweepReportWriter.Write(report, OutputGuard.Track(outDir ?? Path.Combine(plan.Directory, "report")));
        stdout.WriteLine($"sweep {report.Name}: {report.Runs} runs: {report.Done} done, {report.Failed} failed, {report.Unfinished} unfinished; {report.Plots.Count} plots; wrote "
            + $"{files.Html}, {files.Markdown}");
        return report.Complete ? 0 : Incomplete;
    }

    private static string Describe(RunOutcome outcome)
    {
        var s = outcome.Status;
        var head = $"#{outcome.Run.Index} {outcome.Run.Id}";
        if (outcome.Skipped) return $"{head} already done";
        return s is null ? $"{head} unfinished"
            : s.State == RunState.Done ? string.Create(CultureInfo.InvariantCulture, $"{head} done (exit {s.ExitCode}, {s.WallSeconds:0.00} s)")
            : string.Create(CultureInfo.InvariantCulture, $"{head} failed (exit {s.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {s.WallSeconds:0.00} s): {s.ErrorLine}");
    }

    /// <summary>One line per finished run (logs, CI).</summary>
    private static string Line(SweepProgress value)
    {
        var width = value.ToRun.ToString(CultureInfo.InvariantCulture).Length;
        return $"[{value.Finished.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{value.ToRun}] {Describe(value.Last)}";
    }

    /// <summary>The bar's count, plus a line per failed run.</summary>
    private static void ShowOnBar(ProgressTask task, SweepProgress value)
    {
        task.Increment(1);
        task.Description = Markup.Escape($"{value.Finished}/{value.ToRun} runs, {value.Failed} failed");
        if (value.Last.State == RunState.Failed)
            AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(Describe(value.Last))}");
    }
}
