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

    /// <summary>
    /// Checks every claim in <paramref name="claims"/> (in order) with a <see cref="ClaimContext"/> built from
    /// <paramref name="settings"/> (its overrides for that claim, <see cref="ReportSettings.Cases"/>,
    /// <see cref="ReportSettings.Seed"/>). Claims implementing <see cref="IClaimWithEvidence"/> contribute plots and
    /// falsifying instances. A check that throws becomes an Inconclusive section carrying the exception text, except
    /// <see cref="InputException"/> (bad user input), which propagates, and <see cref="ClaimInconclusiveException"/>
    /// (a diverged simulation, a training killed by a native fault), whose message is the section's detail (no error).
    /// </summary>
    public static ClaimReport Run(IReadOnlyList<IClaim> claims, ReportSettings settings, ReportEnvironment environment,
        IProgress<ReportProgress>? progress = null, CancellationToken cancellation = default)
    {
        var total = Stopwatch.StartNew();
        var sections = new List<ClaimSection>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var claim = claims[i];
            progress?.Report(new ReportProgress(i, claims.Count, claim.Id, null));
            var section = RunOne(claim, settings);
            sections.Add(section);
            progress?.Report(new ReportProgress(i, claims.Count, claim.Id, section));
        }
        return new ClaimReport(DefaultTitle, settings, environment, sections, total.Elapsed.TotalSeconds);
    }

    /// <summary>Checks one claim (see <see cref="Run"/>) and builds its section.</summary>
    public static ClaimSection RunOne(IClaim claim, ReportSettings settings)
    {
        var overrides = settings.OverridesFor(claim.Id);
        var context = new ClaimContext(overrides, settings.Cases, settings.Seed);
        var replay = ReplayCommand(claim.Id, settings, overrides);
        var clock = Stopwatch.StartNew();
        ClaimResult result;
        IReadOnlyList<PlotSpec> plots = [];
        string? falsifying = null;
        string? error = null;
        try
        {
            if (claim is IClaimWithEvidence withEvidence)
            {
                var evidence = withEvidence.CheckWithEvidence(context);
                result = evidence.Result;
                plots = evidence.Plots;
                falsifying = evidence.FalsifyingInstance;
            }
            else
            {
                result = claim.Check(context);
            }
            if (result.ClaimId != claim.Id)
                throw new InvalidOperationException($"claim '{claim.Id}' returned a result for '{result.ClaimId}'");
        }
        catch (InputException)
        {
            throw;
        }
        catch (ClaimInconclusiveException inconclusive)
        {
            result = inconclusive.ToResult(claim, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.ToString();
            var parameters = new Dictionary<string, string>(claim.DefaultParameters, StringComparer.Ordinal);
            foreach (var kv in overrides) parameters[kv.Key] = kv.Value;
            result = new ClaimResult(claim.Id, parameters, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive,
                settings.Seed, $"the check threw {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
        return new ClaimSection(claim.Id, claim.Title, claim.Source, claim.Statement, claim.Kind, result)
        {
            Plots = plots,
            FalsifyingInstance = falsifying,
            Error = error,
            Replay = replay,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The <c>collapse report</c> command line that replays one claim with the same profile, seed and overrides.</summary>
    public static string ReplayCommand(string claimId, ReportSettings settings, IReadOnlyDictionary<string, string> overrides)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"collapse report --profile {settings.Profile} --claims {claimId} --seed {settings.Seed}");
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
