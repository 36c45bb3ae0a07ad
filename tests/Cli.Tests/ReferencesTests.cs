using System.Text.RegularExpressions;
using Xunit;
using Registry = Collapse.Cli.Infrastructure.Claims;

namespace Collapse.Cli.Tests;

/// <summary>docs/references.md: every reference key of every registered claim resolves to a complete entry.</summary>
public partial class ReferencesTests
{
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Theory.sln"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("repository root (Theory.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<a id=\"([a-z0-9-]+)\"></a>")]
    private static partial Regex Anchor();

    /// <summary>Entry key → entry text (from its anchor to the next one).</summary>
    private static Dictionary<string, string> Entries()
    {
        var text = File.ReadAllText(RepositoryFile("docs/references.md"));
        var matches = Anchor().Matches(text);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            Assert.True(entries.TryAdd(matches[i].Groups[1].Value, text[matches[i].Index..end]), $"anchor {matches[i].Groups[1].Value} twice");
        }
        return entries;
    }

    [Fact]
    public void EveryEntryHasAuthorsTitleAndYear()
    {
        var entries = Entries();
        Assert.True(entries.Count >= 15, $"{entries.Count} entries");
        foreach (var (key, entry) in entries)
        {
            Assert.Matches(@"- \*\*Authors:\*\* \S.*", entry);
            Assert.Matches(@"- \*\*Title:\*\* \S.*", entry);
            Assert.Matches(@"- \*\*Year:\*\* (19|20)\d\d", entry);
            Assert.Contains($"### {key}", entry);
        }
    }

    [Fact]
    public void EveryReferenceOfEveryRegisteredClaimResolves()
    {
        var keys = Entries().Keys.ToHashSet(StringComparer.Ordinal);
        var missing = Registry.Registry.All.SelectMany(c => c.Info.References.Where(r => !keys.Contains(r)).Select(r => $"{c.Info.Id} → {r}")).ToList();
        Assert.True(missing.Count == 0, "unresolved: " + string.Join(", ", missing));
        Assert.All(Registry.Registry.All, c => Assert.NotEmpty(c.Info.References));
    }

    [Fact]
    public void Gao2023ListsItsEightAuthors()
    {
        var entry = Entries()["gao2023"];
        Assert.Contains("Peifeng Gao, Qianqian Xu, Yibo Yang, Peisong Wen, Huiyang Shao, Zhiyong Yang, Bernard Ghanem, Qingming Huang", entry);
        Assert.Contains("2310.08358", entry);
    }
}
