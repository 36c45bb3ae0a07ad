using System.Diagnostics;
using Xunit;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Headless Chromium (Debian package <c>chromium</c>): finds the binary and runs it on a local file.</summary>
public static class Chromium
{
    /// <summary>Path of the browser, or null when none is installed.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Why Chromium tests are skipped, shown by the test runner.</summary>
    public const string SkipReason = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";

    private static string? Find()
    {
        var pathVar = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            foreach (var dir in pathVar.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Result of one headless run.</summary>
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs headless Chromium on <paramref name="file"/> with the extra arguments (e.g. --dump-dom).</summary>
    public static Run Headless(string file, params string[] extra)
    {
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "collapse-chromium-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}" })
            psi.ArgumentList.Add(a);
        foreach (var a in extra) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri);
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 120 s");
            }
            return new Run(p.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Console messages the page produced (errors, CSP violations), from Chromium's stderr log.</summary>
    public static IReadOnlyList<string> ConsoleMessages(string stderr) =>
        stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
}

/// <summary>A fact that needs Chromium: skipped, with the reason shown, when the browser is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null) Skip = Chromium.SkipReason;
    }
}
