using Xunit;

namespace Collapse.Theory.Tests.Repository;

/// <summary>No line of C# under src/ is longer than 200 characters (a reviewer reads the code without scrolling).</summary>
public class SourceLineLengthTests
{
    private const int MaxLength = 200;

    [Fact]
    public void NoSourceLineIsLongerThan200Characters()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Length > MaxLength) offenders.Add($"src/{relative}:{lineNumber} ({line.Length} characters)");
            }
        }
        Assert.True(offenders.Count == 0, $"{offenders.Count} source lines over {MaxLength} characters:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void TheCheckSeesTheSourceTree()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        Assert.True(File.Exists(Path.Combine(src, "Theory", "IO", "AtomicFile.cs")), $"{src} is not the source tree");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Theory.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Theory.sln above {AppContext.BaseDirectory}");
    }
}
