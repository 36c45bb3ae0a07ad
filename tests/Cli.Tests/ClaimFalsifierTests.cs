using Collapse.Reports.Running;
using Collapse.Theory.Claims;
using Xunit;
using Registry = Collapse.Cli.Infrastructure.Claims;

namespace Collapse.Cli.Tests;

/// <summary>
/// Every claim of the composed registry must be seen to fail: it declares at least one falsifier, and the claim's own
/// check, run with the falsifier's overrides at the quick profile (20 cases) with seeds 1, 2 and 3, reports Fails.
/// Empirical (deep) claims only have to declare one here; their falsifiers train networks and run with
/// <c>collapse report --profile full --falsify</c>.
/// </summary>
public class ClaimFalsifierTests
{
    /// <summary>
    /// Claims that do not declare a falsifier yet. This list must only shrink, to empty: a claim leaves it in the
    /// commit that gives it a falsifier its check catches. A claim on the list that declares a falsifier fails the
    /// test, so the list cannot go stale.
    /// </summary>
    private static readonly HashSet<string> PendingFalsifiers = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Ids() => new(Registry.Registry.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryClaimDeclaresAFalsifierThatItsCheckCatches(string id)
    {
        var claim = Registry.Registry.Get(id);
        var falsifiers = claim.Info.Falsifiers;
        if (PendingFalsifiers.Contains(id))
        {
            Assert.True(falsifiers.Count == 0, $"{id} declares {falsifiers.Count} falsifier(s): remove it from PendingFalsifiers");
            return;
        }
        Assert.True(falsifiers.Count > 0, $"{id} declares no falsifier");
        if (claim.Kind == ClaimKind.Empirical) return;
        var failures = new List<string>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var context = new ClaimContext(new Dictionary<string, string>(), ReportProfile.Quick.Cases, seed);
            foreach (var outcome in Falsification.RunAll(claim, context))
                if (!outcome.Caught)
                    failures.Add($"seed {seed}: falsifier {outcome.Falsifier.Name} ({outcome.Falsifier.Broken}) NOT CAUGHT: {outcome.Result.Verdict} {outcome.Result.Detail}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void PendingListNamesOnlyRegisteredClaims()
    {
        foreach (var id in PendingFalsifiers) Assert.True(Registry.Registry.TryGet(id, out _), $"PendingFalsifiers names unknown claim {id}");
    }
}
