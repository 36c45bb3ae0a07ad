using System.Diagnostics;
using System.Globalization;
using System.Text;
using Collapse.Reports.Model;
using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Running;

/// <summary>Runs claims one after the other and collects a <see cref="ClaimReport"/>.</summary>
public static class ReportRunner
{
    /// <summary>Default report title.</summary>
    public const string DefaultTitle = "Collapse proof-sanity report";

    /// <summary>Title of a falsify-mode report.</summary>
    public const string FalsifyTitle = "Collapse falsification report";

    /// <summary>
    /// Checks every claim in <paramref name="claims"/> (in order) with a <see cref="ClaimContext"/> built from
    /// <paramref name="settings"/> (its overrides for that claim, <see cref="ReportSettings.Cases"/>,
    /// <see cref="ReportSettings.Seed"/>); each contributes its plots and falsifying instance. Every claim's parameters
    /// are resolved before the first check runs (<see cref="ValidateParameters"/>): bad user input (an unknown,
    /// unparsable or out-of-range <c>--param</c>) is an <see cref="InputException"/> and nothing runs. Afterwards no
    /// single claim aborts the run: a check that throws, also with an <see cref="InputException"/> from an instance
    /// that cannot be evaluated, becomes an Inconclusive section carrying the reason; a
    /// <see cref="ClaimInconclusiveException"/> (a diverged simulation, a training killed by a native fault) gives its
    /// message as the section's detail (no error). In falsify mode
    /// (<see cref="ReportSettings.Falsify"/>) every claim's falsifiers run instead of its check (<see cref="FalsifyOne"/>).
    /// </summary>
    public static ClaimReport Run(IReadOnlyList<IClaim> claims, ReportSettings settings, ReportEnvironment environment,
        IProgress<ReportProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ValidateParameters(claims, settings);
        var total = Stopwatch.StartNew();
        var sections = new List<ClaimSection>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var claim = claims[i];
            progress?.Report(new ReportProgress(i, claims.Count, claim.Id, null));
            var section = settings.Falsify ? FalsifyOne(claim, settings) : RunOne(claim, settings);
            sections.Add(section);
            progress?.Report(new ReportProgress(i, claims.Count, claim.Id, section));
        }
        return new ClaimReport(settings.Falsify ? FalsifyTitle : DefaultTitle, settings, environment, sections, total.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Resolves every claim's parameters with <paramref name="settings"/> (and, in falsify mode, every falsifier's
    /// overrides on top); throws the first <see cref="InputException"/> (bad <c>--param</c>, <c>--cases</c> &lt; 1).
    /// </summary>
    public static void ValidateParameters(IReadOnlyList<IClaim> claims, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var claim in claims)
        {
            var context = ContextFor(claim, settings);
            ClaimParameters.Resolve(claim, context);
            if (!settings.Falsify) continue;
            foreach (var f in claim.Info.Falsifiers) ClaimParameters.Resolve(claim, Falsification.ContextFor(f, context));
        }
    }

    /// <summary>The context <paramref name="claim"/> runs with under <paramref name="settings"/>.</summary>
    public static ClaimContext ContextFor(IClaim claim, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(settings);
        return new ClaimContext(settings.OverridesFor(claim.Id), settings.Cases, settings.Seed);
    }

    /// <summary>
    /// Checks one claim (see <see cref="Run"/>) and builds its section. Bad parameters throw
    /// <see cref="InputException"/>; anything thrown by the check itself becomes an Inconclusive section.
    /// </summary>
    public static ClaimSection RunOne(IClaim claim, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var overrides = settings.OverridesFor(claim.Id);
        var context = ContextFor(claim, settings);
        var parameters = ClaimParameters.Resolve(claim, context);
        var replay = ReplayCommand(claim.Id, settings, overrides);
        var clock = Stopwatch.StartNew();
        ClaimResult result;
        IReadOnlyList<PlotSpec> plots = [];
        string? falsifying = null;
        string? error = null;
        try
        {
            var evidence = claim.CheckWithEvidence(context);
            result = evidence.Result;
            plots = evidence.Plots;
            falsifying = evidence.FalsifyingInstance;
            if (result.ClaimId != claim.Id)
                throw new InvalidOperationException($"claim '{claim.Id}' returned a result for '{result.ClaimId}'");
        }
        catch (InputException ex)
        {
            result = new ClaimResult(claim.Id, parameters.AsStrings(), double.NaN, double.NaN, double.NaN, Verdict.Inconclusive,
                settings.Seed, $"the instance could not be evaluated: {FirstLine(ex.Message)}");
        }
        catch (ClaimInconclusiveException inconclusive)
        {
            result = inconclusive.ToResult(claim, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.ToString();
            result = new ClaimResult(claim.Id, parameters.AsStrings(), double.NaN, double.NaN, double.NaN, Verdict.Inconclusive,
                settings.Seed, $"the check threw {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
        return new ClaimSection(claim.Id, claim.Title, claim.Source, claim.Statement, claim.Kind, result)
        {
            Info = claim.Info,
            Plots = plots,
            FalsifyingInstance = falsifying,
            Error = error,
            Replay = replay,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// Runs every falsifier of <paramref name="claim"/> (<see cref="Falsification.RunAll"/>) with the claim's context
    /// under <paramref name="settings"/> and builds its falsify-mode section: <see cref="ClaimSection.FalsifierRuns"/>
    /// and a summary result (Holds: every falsifier caught; Fails: one was not; Inconclusive: none declared).
    /// </summary>
    public static ClaimSection FalsifyOne(IClaim claim, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var context = ContextFor(claim, settings);
        var parameters = ClaimParameters.Resolve(claim, context);
        var clock = Stopwatch.StartNew();
        var runs = Falsification.RunAll(claim, context)
            .Select(o => new FalsifierRun(o, CheckReplay(claim.Id, Falsification.ContextFor(o.Falsifier, context)))).ToList();
        var caught = runs.Count(r => r.Caught);
        var verdict = runs.Count == 0 ? Verdict.Inconclusive : caught == runs.Count ? Verdict.Holds : Verdict.Fails;
        var detail = runs.Count == 0 ? "no falsifier declared yet: the claim cannot be seen to fail"
            : caught == runs.Count ? $"{caught}/{runs.Count} falsifier{(runs.Count == 1 ? "" : "s")} caught"
            : $"{caught}/{runs.Count} falsifiers caught; NOT CAUGHT: {string.Join(", ", runs.Where(r => !r.Caught).Select(r => r.Falsifier.Name))}";
        var result = new ClaimResult(claim.Id, parameters.AsStrings(), caught, runs.Count, 0, verdict, settings.Seed, detail);
        return new ClaimSection(claim.Id, claim.Title, claim.Source, claim.Statement, claim.Kind, result)
        {
            Info = claim.Info,
            FalsifierRuns = runs,
            Replay = ReplayCommand(claim.Id, settings, settings.OverridesFor(claim.Id)),
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The <c>collapse check</c> command line that replays <paramref name="context"/> on a claim.</summary>
    public static string CheckReplay(string claimId, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"collapse check {claimId} --cases {context.Cases} --seed {context.Seed}");
        foreach (var kv in context.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(" --param ").Append(Quote($"{kv.Key}={kv.Value}"));
        return sb.ToString();
    }

    /// <summary>The <c>collapse report</c> command line that replays one claim with the same profile, seed and overrides.</summary>
    public static string ReplayCommand(string claimId, ReportSettings settings, IReadOnlyDictionary<string, string> overrides)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"collapse report --profile {settings.Profile}{(settings.Falsify ? " --falsify" : "")} --claims {claimId} --seed {settings.Seed}");
        var profileCases = settings.Profile switch { "quick" => ReportProfile.Quick.Cases, "full" => ReportProfile.Full.Cases, _ => -1 };
        if (settings.Cases != profileCases) sb.Append(CultureInfo.InvariantCulture, $" --cases {settings.Cases}");
        foreach (var kv in overrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(" --param ").Append(Quote($"{claimId}:{kv.Key}={kv.Value}"));
        sb.Append(" --out replay-").Append(claimId);
        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.All(ch => char.IsLetterOrDigit(ch) || "-_.:=+,/".Contains(ch, StringComparison.Ordinal)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string FirstLine(string s)
    {
        var nl = s.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? s : s[..nl].TrimEnd();
    }
}
