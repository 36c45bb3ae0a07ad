using Collapse.Theory;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Steps a UFM configuration with the same data, initialisation, engine and default step size as
/// <see cref="UfmSimulator.Run(UfmConfig, UfmRunOptions?)"/>, but leaves the loop to the caller, who may read the
/// state (W, H, b) after any step. For checks that need more than the logged rows (per-step identities, the state at
/// chosen steps). Fixed step schedule only (plain GD or heavy-ball momentum).
/// </summary>
internal sealed class UfmStepper : IDisposable
{
    private readonly IUfmEngine _engine;
    private readonly Func<double, double> _schedule;

    /// <summary>Prepares the configuration's generated or loaded data.</summary>
    public UfmStepper(UfmConfig config) : this(config, UfmData.Create(config)) { }

    /// <summary>Prepares explicit data (its features/classifier are the fixed blocks or the initialisation).</summary>
    public UfmStepper(UfmConfig config, UfmData data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        if (config.Schedule != StepSchedule.Fixed) throw new InputException("--schedule: the stepper supports the fixed schedule only");
        Config = config;
        Data = data;
        StepSize = Simulation.StepSize.Default(config, data);
        _schedule = _ => StepSize;
        var b = config.Bias ? new double[data.Classes] : null;
        _engine = UfmSimulator.CreateEngine(config, new EngineSetup(data.Classes, data.Dim, data.Labels, data.Classifier, data.Features, b,
            config.Loss, config.Mode != UfmMode.FixedEtf, config.Mode != UfmMode.FixedFeatures,
            config.LambdaW, config.LambdaH, config.LambdaB, config.Momentum, config.Precision, config.Device));
    }

    /// <summary>The configuration.</summary>
    public UfmConfig Config { get; }
    /// <summary>Labels, counts and the starting point.</summary>
    public UfmData Data { get; }
    /// <summary>η (the configured learning rate, else 1/L of <see cref="Simulation.StepSize"/>).</summary>
    public double StepSize { get; }
    /// <summary>Steps done.</summary>
    public long Steps { get; private set; }

    /// <summary>Takes <paramref name="count"/> gradient steps.</summary>
    public void Advance(long count = 1)
    {
        for (long i = 0; i < count; i++) _engine.Step(_schedule, false);
        Steps += count;
    }

    /// <summary>Copies W (K×d), H (N×d sample-major) and b (when a bias is used) into the given arrays.</summary>
    public void Read(double[] w, double[] h, double[]? b) => _engine.Read(w, h, b);

    /// <summary>Mean data loss (1/N) Σ ℓ_i at the current point.</summary>
    public double DataLoss() => _engine.DataLoss();

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();
}
