using System.Diagnostics;
using System.Text;

namespace Collapse.Sweeps.Execution;

/// <summary>
/// How to start the <c>collapse</c> executable: its apphost (<c>/path/collapse</c>), or the .NET host with the
/// assembly (<c>dotnet /path/collapse.dll</c>).
/// </summary>
/// <param name="FileName">The program to start.</param>
/// <param name="PrefixArguments">Arguments before the command's own (the .dll for the .NET host).</param>
public sealed record CommandLauncher(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>A launcher for an executable or a .dll (started with the .NET host); the path is made absolute.</summary>
    public static CommandLauncher For(string path)
    {
        var full = Path.GetFullPath(path);
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new CommandLauncher(DotnetHost(), [full])
            : new CommandLauncher(full, []);
    }

    /// <summary>The .NET host: <c>DOTNET_HOST_PATH</c>, else this process if it is <c>dotnet</c>, else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost()
    {
        var env = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    /// <summary>The whole command line: program, prefix arguments, then <paramref name="arguments"/>.</summary>
    public IReadOnlyList<string> CommandLine(IEnumerable<string> arguments) => [FileName, .. PrefixArguments, .. arguments];

    /// <summary>Start info for <paramref name="arguments"/> in <paramref name="workingDirectory"/> (no shell, no redirection).</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, string workingDirectory)
    {
        var psi = new ProcessStartInfo(FileName) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in PrefixArguments) psi.ArgumentList.Add(a);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>The command line as one POSIX shell string, every word single-quoted where needed.</summary>
    public string ShellCommand(IEnumerable<string> arguments) => string.Join(' ', CommandLine(arguments).Select(ShellQuote));

    /// <summary>Quotes a word for a POSIX shell (single quotes; plain words are left as they are).</summary>
    public static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '=' or ':' or ',' or '+' or '@'))
            return word;
        var sb = new StringBuilder("'");
        foreach (var c in word) sb.Append(c == '\'' ? "'\\''" : c.ToString());
        return sb.Append('\'').ToString();
    }
}
