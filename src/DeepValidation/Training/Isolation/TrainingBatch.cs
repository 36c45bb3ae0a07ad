using System.Globalization;
using System.Text;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// The folder through which a parent hands a batch of trainings to child processes and gets the results back:
/// <c>data.bin</c> (<see cref="DataSplitFile"/>), <c>jobs.json</c> (the <see cref="TrainingOptions"/> list and the
/// thread count, <see cref="TrainingJson"/>), and one <c>result-NNNN.json</c> per finished job, written atomically by
/// the child, which prints <c>done N</c> on stdout after each (<see cref="TrainingBatchWorker"/>).
/// </summary>
public static class TrainingBatch
{
    /// <summary>The data file.</summary>
    public static string DataFile(string folder) => Path.Combine(folder, "data.bin");

    /// <summary>The job list.</summary>
    public static string JobsFile(string folder) => Path.Combine(folder, "jobs.json");

    /// <summary>The thread-count file (one integer; 0 = libtorch's default).</summary>
    public static string ThreadsFile(string folder) => Path.Combine(folder, "threads.txt");

    /// <summary>The result of job <paramref name="index"/>.</summary>
    public static string ResultFile(string folder, int index) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"result-{index:D4}.json"));

    /// <summary>The stdout line a child prints after writing the result of job <paramref name="index"/>.</summary>
    public static string DoneLine(int index) => string.Create(CultureInfo.InvariantCulture, $"done {index}");

    /// <summary>Parses a <see cref="DoneLine"/> (null for any other line).</summary>
    public static int? ParseDone(string? line) =>
        line is not null && line.StartsWith("done ", StringComparison.Ordinal)
        && int.TryParse(line.AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Writes the thread count atomically.</summary>
    public static void WriteThreads(string folder, int threads) =>
        AtomicFile.Write(ThreadsFile(folder), s => s.Write(Encoding.UTF8.GetBytes(threads.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Reads the thread count (0 when the file is missing).</summary>
    public static int ReadThreads(string folder) =>
        File.Exists(ThreadsFile(folder)) ? int.Parse(File.ReadAllText(ThreadsFile(folder)).Trim(), CultureInfo.InvariantCulture) : 0;
}
