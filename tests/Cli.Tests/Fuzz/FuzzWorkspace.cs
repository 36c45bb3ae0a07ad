using System.Buffers.Binary;
using System.Security.Cryptography;
using Collapse.Theory.IO;

namespace Collapse.Cli.Tests.Fuzz;

/// <summary>
/// The temporary folder one fuzz case runs in: valid inputs to mutate, crafted .npy files, spec files and the
/// output targets (a fresh path, an existing folder with a file in it, an existing file, a path below a file).
/// </summary>
internal sealed class FuzzWorkspace : IDisposable
{
    private readonly NpyFixtures _fx = new();

    public string Dir => _fx.Dir;

    public string PathOf(string name) => _fx.PathOf(name);

    /// <summary>A fresh --out path that does not exist; a failing command must not create it.</summary>
    public string Out => PathOf("out");

    /// <summary>An --out folder that exists and holds keep.txt; a failing command must leave it as it was.</summary>
    public string ExistingOut
    {
        get
        {
            var dir = PathOf("existing-out");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
            return dir;
        }
    }

    /// <summary>An existing regular file given where a folder (or a new file) is expected.</summary>
    public string ExistingFile
    {
        get
        {
            var file = PathOf("taken.txt");
            File.WriteAllText(file, "not a folder");
            return file;
        }
    }

    /// <summary>A path that cannot be created: its parent is a regular file (unwritable even for root).</summary>
    public string Unwritable => Path.Combine(ExistingFile, "sub", "out");

    /// <summary>A valid well-separated set (K classes centred at 5·e_k): features, labels, classifier, bias.</summary>
    public (string Features, string Labels, string Classifier, string Bias) Valid(int k = 3, int perClass = 4, int d = 5) => _fx.ValidSet(k, perClass, d);

    public string Features(string name, double[] rowMajor, int rows, int cols, NpyDType dtype = NpyDType.Float64)
    {
        NpyWriter.WriteMatrix(PathOf(name), rowMajor, rows, cols, dtype);
        return PathOf(name);
    }

    /// <summary>A <paramref name="rows"/>×<paramref name="cols"/> float64 features file with entry (i, j) = <paramref name="f"/>(i, j).</summary>
    public string Features(string name, int rows, int cols, Func<int, int, double> f)
    {
        var h = new double[rows * cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) h[(i * cols) + j] = f(i, j);
        return Features(name, h, rows, cols);
    }

    public string Labels(string name, params int[] labels) => _fx.WriteLabels(name, labels);

    /// <summary>Labels 0, 1, …, K−1, 0, 1, … for <paramref name="n"/> samples.</summary>
    public string CyclicLabels(string name, int n, int k) => Labels(name, Enumerable.Range(0, n).Select(i => i % k).ToArray());

    /// <summary>A hand-crafted v1 .npy file (header dict + raw bytes).</summary>
    public string Craft(string name, string dict, byte[] data) => _fx.Craft(name, dict, data);

    public static string Dict(string descr, string shape, bool fortran = false) => NpyFixtures.Dict(descr, shape, fortran);

    public static byte[] Doubles(params double[] v)
    {
        var b = new byte[v.Length * 8];
        for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), v[i]);
        return b;
    }

    public static byte[] Int64s(params long[] v)
    {
        var b = new byte[v.Length * 8];
        for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(i * 8), v[i]);
        return b;
    }

    public string Bytes(string name, byte[] bytes)
    {
        File.WriteAllBytes(PathOf(name), bytes);
        return PathOf(name);
    }

    public string Text(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    public string Folder(string name)
    {
        Directory.CreateDirectory(PathOf(name));
        return PathOf(name);
    }

    /// <summary>A copy of the committed PyTorch run folder (analyze-run input) that a case may break.</summary>
    public string RunFolder(string name = "run")
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-run");
        var target = PathOf(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }

    /// <summary>Every file and folder below the workspace with a hash of its content: equal before and after = nothing written.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        var entries = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(Dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Dir, path);
            entries.Add(File.Exists(path) ? $"{rel} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16]}" : rel + "/");
        }
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    /// <summary>Temporary files left anywhere below the workspace.</summary>
    public IReadOnlyList<string> TempFiles() =>
        Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(p).Contains(".tmp.", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetRelativePath(Dir, p)).ToList();

    public void Dispose() => _fx.Dispose();
}
