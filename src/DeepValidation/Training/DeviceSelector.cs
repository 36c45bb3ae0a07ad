using Collapse.Theory;
using TorchSharp;

namespace Collapse.DeepValidation.Training;

/// <summary>Maps <c>--device</c> to a TorchSharp device, with a clear error when CUDA is asked for but absent.</summary>
public static class DeviceSelector
{
    /// <summary>Resolves <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static torch.Device Resolve(string device)
    {
        var d = (device ?? "cpu").Trim().ToLowerInvariant();
        if (d == "cpu") return torch.CPU;
        if (d == "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InputException($"--device {device}: CUDA is not available (this build links TorchSharp-cpu, or no CUDA GPU/driver is present); use --device cpu");
            var index = 0;
            if (d.Length > 5 && !int.TryParse(d.AsSpan(5), out index))
                throw new InputException($"--device {device}: '{d[5..]}' is not a device index");
            if (index < 0 || index >= torch.cuda.device_count())
                throw new InputException($"--device {device}: {torch.cuda.device_count()} CUDA device(s) present");
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new InputException($"--device {device}: expected cpu, cuda or cuda:N");
    }
}
