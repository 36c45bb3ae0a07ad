using Collapse.Theory;

namespace Collapse.DeepValidation.Data;

/// <summary>
/// Finds the real-image subsets committed under <c>data/</c> of the repository (see data/README.md). The build copies
/// them next to the assembly (<c>data/&lt;name&gt;/</c>); otherwise the folder named by the environment variable
/// <c>COLLAPSE_DATA</c>, then <c>data/</c> in the working directory or any of its parents, is searched.
/// </summary>
public static class BundledData
{
    /// <summary>Environment variable naming a folder that holds <c>mnist-subset/</c> and <c>fashion-subset/</c>.</summary>
    public const string EnvironmentVariable = "COLLAPSE_DATA";

    /// <summary>Names of the bundled subsets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mnist-subset", "fashion-subset"];

    /// <summary>Folder of the bundled subset <paramref name="name"/>; throws <see cref="InputException"/> if none is found.</summary>
    public static string Locate(string name)
    {
        var tried = new List<string>();
        foreach (var root in Roots())
        {
            var dir = Path.Combine(root, name);
            tried.Add(dir);
            if (File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz"))) return dir;
        }
        throw new InputException($"--dataset {name}: bundled data not found (looked in {string.Join(", ", tried.Distinct())}); set {EnvironmentVariable} to the repository's data/ folder");
    }

    private static IEnumerable<string> Roots()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return env;
        yield return Path.Combine(AppContext.BaseDirectory, "data");
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "data");
    }
}
