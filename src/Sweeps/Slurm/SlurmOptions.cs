using System.Text.RegularExpressions;
using Collapse.Theory;

namespace Collapse.Sweeps.Slurm;

/// <summary>Settings of the Slurm job array (each becomes an <c>#SBATCH</c> line; null leaves the cluster default).</summary>
/// <param name="Partition">Partition (<c>--partition</c>).</param>
/// <param name="Time">Time limit per array task (<c>--time</c>, e.g. <c>10</c> minutes or <c>01:00:00</c>).</param>
/// <param name="ArrayLimit">Most array tasks running at once (the <c>%N</c> suffix of <c>--array</c>).</param>
/// <param name="CpusPerTask">CPUs per task (<c>--cpus-per-task</c>); also bounds the run's threads.</param>
/// <param name="Memory">Memory per task (<c>--mem</c>, e.g. <c>2G</c>).</param>
/// <param name="Account">Account to charge (<c>--account</c>).</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, int? ArrayLimit = null, int CpusPerTask = 1, string? Memory = null, string? Account = null)
{
    private static readonly Regex Word = new(@"^[A-Za-z0-9_.:,+=@-]+$", RegexOptions.CultureInvariant);

    /// <summary>Checks every value can stand on an <c>#SBATCH</c> line.</summary>
    /// <exception cref="InputException">A value is empty, holds spaces or shell characters, or a number is out of range.</exception>
    public void Validate()
    {
        Check("--partition", Partition);
        Check("--time", Time);
        Check("--mem", Memory);
        Check("--account", Account);
        if (ArrayLimit is < 1) throw new InputException($"--array-limit {ArrayLimit}: must be at least 1");
        if (CpusPerTask < 1) throw new InputException($"--cpus-per-task {CpusPerTask}: must be at least 1");
    }

    private static void Check(string flag, string? value)
    {
        if (value is not null && !Word.IsMatch(value))
            throw new InputException($"{flag} '{value}': expected a Slurm value without spaces or shell characters");
    }
}
