namespace Collapse.Cli.Tests.Fuzz;

/// <summary>
/// The generated corpus of bad and extreme inputs (issue 15 item 6): broken .npy files crossed with every command
/// that reads them, bad values crossed with the numeric and choice flags of every command, broken sweep specs and run
/// folders. <see cref="FuzzCorpusTests"/> runs each case in-process and checks its outcome. To add a case, add a row to
/// one of the tables below (a new file mutation reaches every file-reading command at once).
/// </summary>
internal static partial class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, FuzzCase>> Cases = new(() =>
    {
        var all = new Dictionary<string, FuzzCase>(StringComparer.Ordinal);
        foreach (var c in Files().Concat(Metrics()).Concat(Svm()).Concat(Etf()).Concat(Claims()).Concat(Check())
                     .Concat(Report()).Concat(Ufm()).Concat(LeSde()).Concat(Deep()).Concat(AnalyzeRun()).Concat(Sweep()).Concat(Bench()).Concat(Misc())
                     .Concat(MetricShards()).Concat(BenchSuites()).Concat(DeepChild()))
            all.Add(c.Id, c); // a duplicate name throws: ids are unique
        return all;
    });

    /// <summary>Every case by id.</summary>
    public static IReadOnlyDictionary<string, FuzzCase> All => Cases.Value;

    /// <summary>A flag value that is the empty string (a bare "" in a value table means a switch without a value).</summary>
    private const string Empty = "<empty string>";

    private static FuzzCase Bad(string command, string name, Func<FuzzWorkspace, string[]> args, params string[] fragments) =>
        new(command, name, args, FuzzOutcome.BadInput, fragments);

    private static FuzzCase NoCrash(string command, string name, Func<FuzzWorkspace, string[]> args) =>
        new(command, name, args, FuzzOutcome.NoCrash);

    private static FuzzCase Result(string command, string name, Func<FuzzWorkspace, string[]> args) =>
        new(command, name, args, FuzzOutcome.Result);

    /// <summary>
    /// <paramref name="baseFlags"/> with each of <paramref name="overrides"/> applied in turn (set, added if absent,
    /// removed when its value is <c>null</c>; "" for a bare switch), after <paramref name="words"/>: no flag twice.
    /// </summary>
    private static string[] With(string[] words, (string Flag, string Value)[] baseFlags, params (string Flag, string? Value)[] overrides)
    {
        var flags = baseFlags.Select(p => (p.Flag, (string?)p.Value)).ToList();
        foreach (var (flag, value) in overrides)
        {
            var at = flags.FindIndex(p => p.Flag == flag);
            if (at >= 0) flags[at] = (flag, value);
            else flags.Add((flag, value));
        }
        return With(words, [.. flags.Where(p => p.Item2 is not null).Select(p => (p.Flag, p.Item2!))], "", null);
    }

    /// <summary>
    /// <paramref name="baseFlags"/> (flag → value; "" for a bare switch) with <paramref name="flag"/> set to
    /// <paramref name="value"/> (added if absent; <c>null</c> removes it), after the command words.
    /// </summary>
    private static string[] With(string[] words, (string Flag, string Value)[] baseFlags, string flag, string? value)
    {
        var args = new List<string>(words);
        var seen = false;
        foreach (var (f, v) in baseFlags)
        {
            if (f == flag)
            {
                seen = true;
                if (value is null) continue;
                Add(args, f, value);
            }
            else Add(args, f, v);
        }
        if (!seen && value is not null) Add(args, flag, value);
        return [.. args];

        static void Add(List<string> args, string f, string v)
        {
            args.Add(f);
            if (v == Empty) args.Add("");
            else if (v.Length > 0) args.Add(v);
        }
    }

    private static IEnumerable<FuzzCase> Misc()
    {
        yield return Bad("version", "unknown-flag", _ => ["version", "--verbose"], "--verbose");
        yield return Bad("(root)", "unknown-command", _ => ["frobnicate"], "frobnicate");
        yield return Bad("(root)", "misspelt-command", _ => ["metric", "--features", "h.npy"], "metric");
    }
}
