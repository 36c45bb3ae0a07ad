using System.Diagnostics;
using Xunit;

namespace Collapse.DeepValidation.Tests.Import;

/// <summary>A fact that is skipped, with the reason shown in the test report, when /usr/bin/python3 cannot import torch and numpy.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(Probe);

    public PythonTorchFactAttribute()
    {
        if (Missing.Value is string why) Skip = why;
    }

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"{Python} not found (apt-get install -y python3-torch)";
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, "-c \"import torch, numpy\"") { RedirectStandardError = true, RedirectStandardOutput = true });
            p!.WaitForExit(60_000);
            return p.ExitCode == 0 ? null : $"{Python} cannot import torch/numpy (apt-get install -y python3-torch python3-numpy)";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Python} cannot run: {ex.Message}";
        }
    }
}
