using System.Diagnostics;
using Collapse.DeepValidation.Data;
using Collapse.DeepValidation.Models;
using Collapse.Theory;
using Collapse.Theory.Metrics;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace Collapse.DeepValidation.Training;

/// <summary>
/// Trains a <see cref="DeepNetwork"/> with mini-batch SGD (momentum, weight decay on trainable parameters only, step
/// schedule) on a <see cref="DataSplit"/> held on the device, and measures after each epoch the NC metrics, margins
/// and CE of the train and test features with Collapse.Theory (one place per formula). Deterministic on the CPU for
/// a given seed, data and thread count.
/// </summary>
/// <remarks>
/// Protocol of Papyan, Han, Donoho 2020 (PNAS, "Prevalence of neural collapse during the terminal phase of deep
/// learning training"): train past zero training error and track NC1–NC4 per epoch; margins p_min and γ_kl as in
/// Gao et al. 2023 (arXiv 2310.08358, Thm 4.1, Rem. 4.9 [R]).
/// </remarks>
public static class DeepTrainer
{
    /// <summary>The metric core's options for the epoch log: the K×K class-pair margins are kept (gamma.csv).</summary>
    private static readonly MetricOptions LogOptions = new() { PairMargins = PairMarginMode.Matrix };

    /// <summary>Trains and measures. <paramref name="onEpoch"/> sees each record as soon as it exists.</summary>
    /// <param name="data">Train and test sets.</param>
    /// <param name="options">Hyper-parameters.</param>
    /// <param name="export">Writer for the feature exports of <see cref="TrainingOptions.ExportEpochs"/>, or null.</param>
    /// <param name="onEpoch">Progress callback, or null.</param>
    /// <param name="cancellation">Stops after the current epoch when cancelled.</param>
    public static TrainingResult Train(DataSplit data, TrainingOptions options, IRunExporter? export = null,
        Action<EpochRecord>? onEpoch = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var wall = Stopwatch.StartNew();
        TorchRuntime.EnsureConfigured();
        var device = DeviceSelector.Resolve(options.Device);
        int k = data.Classes;
        random.manual_seed(options.Seed);
        var body = DeepNetwork.CreateBody(options.Model, data.Train.SampleShape);
        var d = options.Model.FeatureDimension;
        var fixedW = options.FixedClassifier?.BuildRowMajor(k, d);
        using var network = new DeepNetwork(body, d, k, fixedW);
        network.to(device);

        using var xTrain = ToTensor(data.Train, device);
        using var yTrain = tensor(data.Train.Labels.Select(v => (long)v).ToArray(), ScalarType.Int64).to(device);
        using var xTest = ToTensor(data.Test, device);

        var parameters = network.TrainableParameters().ToList();
        using var optimizer = new SafeSgd(parameters, options.LearningRate, options.Momentum, options.WeightDecay);
        var shuffle = new System.Random(unchecked(options.Seed * 31 + 7));
        var records = new List<EpochRecord>();
        int? tptStart = null;
        var n = data.Train.Count;
        var order = new long[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var lr = options.LearningRate;
        var svm = new SvmDistanceTracker();

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.LearningRateMilestones.Contains(epoch - 1) && epoch > 1)
            {
                lr *= options.LearningRateDecay;
                optimizer.LearningRate = lr;
            }
            Shuffle(order, shuffle);
            var clock = Stopwatch.StartNew();
            var (batchLoss, recomputed) = RunEpoch(network, optimizer, xTrain, yTrain, order, options.BatchSize, device, epoch);
            clock.Stop();

            var last = epoch == options.Epochs || (tptStart is int t0 && options.EpochsAfterInterpolation is int extra && epoch >= t0 + extra);
            var measure = last || epoch == 1 || (options.MeasureEvery > 0 && epoch % options.MeasureEvery == 0)
                          || options.ExportEpochs.Contains(epoch) || (options.EpochsAfterInterpolation is not null && tptStart is null);
            var record = new EpochRecord
            {
                Epoch = epoch,
                LearningRate = lr,
                BatchLoss = batchLoss,
                EpochSeconds = clock.Elapsed.TotalSeconds,
                RecomputedSteps = recomputed,
            };
            if (measure)
            {
                var mclock = Stopwatch.StartNew();
                var w = network.ClassifierWeights();
                var b = network.ClassifierBias();
                var classifier = new Classifier(Matrix<double>.Build.DenseOfRowMajor(k, d, w), b is null ? null : Vector<double>.Build.DenseOfArray(b));
                var hTrain = FeatureExtractor.Extract(network, xTrain);
                var train = NcMetrics.Compute(hTrain, data.Train.Labels, k, d, classifier, LogOptions);
                double[]? hTest = null;
                MetricReport? test = null;
                HeldOutCollapseReport? heldOut = null;
                if (options.MeasureTest || options.ExportEpochs.Contains(epoch))
                {
                    hTest = FeatureExtractor.Extract(network, xTest);
                    test = NcMetrics.Compute(hTest, data.Test.Labels, k, d, classifier, LogOptions);
                    var trainMeans = Collapse.Theory.Statistics.ClassStatisticsAccumulator.Of(hTrain, data.Train.Labels, k, d, trackScatter: false);
                    heldOut = HeldOutCollapse.Compute(trainMeans, hTest, data.Test.Labels);
                }
                if (export is not null && options.ExportEpochs.Contains(epoch))
                    export.Export(epoch, hTrain, data.Train.Labels, hTest!, data.Test.Labels, w, b, k, d);
                mclock.Stop();
                record = record with
                {
                    Train = train,
                    Test = options.MeasureTest ? test : null,
                    TestAgainstTrainMeans = options.MeasureTest ? heldOut : null,
                    MeasureSeconds = mclock.Elapsed.TotalSeconds,
                };
                if (train.Accuracy == 1.0 && options.SvmEvery > 0 && (last || epoch % options.SvmEvery == 0))
                {
                    var (distance, seconds) = svm.Measure(hTrain, data.Train.Labels, k, d, w, b);
                    record = record with { SvmDistance = distance, SvmSeconds = seconds };
                }
                if (tptStart is null && train.Accuracy == 1.0) tptStart = epoch;
            }
            records.Add(record);
            onEpoch?.Invoke(record);
            if (cancellation.IsCancellationRequested) break;
            if (tptStart is int start && options.EpochsAfterInterpolation is int after && epoch >= start + after) break;
        }
        return new TrainingResult(records, tptStart, k, d, options.FixedClassifier?.Permutation(k)) { WallSeconds = wall.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// Copies a labelled set's inputs to a float32 tensor of shape N × sample shape on <paramref name="device"/>, in
    /// memory allocated by libtorch. <c>torch.tensor(float[])</c> wraps the pinned managed array, whose alignment varies
    /// from process to process; MKL's GEMM rounds differently for differently aligned operands, which made the
    /// evaluation-mode features (the full-set forward passes over views of this tensor) differ in the last float32
    /// bits between identical runs in different processes.
    /// </summary>
    public static Tensor ToTensor(LabeledData data, Device device)
    {
        var shape = new long[data.SampleShape.Count + 1];
        shape[0] = data.Count;
        for (var i = 0; i < data.SampleShape.Count; i++) shape[i + 1] = data.SampleShape[i];
        using var wrapped = tensor(data.Inputs, shape, ScalarType.Float32);
        using var owned = wrapped.clone();
        return owned.to(device);
    }

    /// <summary>How many times one batch's step is recomputed after a non-finite loss or gradient before giving up.</summary>
    public const int MaxStepAttempts = 3;

    private static (double Loss, int Recomputed) RunEpoch(DeepNetwork network, SafeSgd optimizer, Tensor x, Tensor y,
        long[] order, int batchSize, Device device, int epoch)
    {
        network.train();
        var n = order.Length;
        var recomputed = 0;
        using var perm = tensor(order, ScalarType.Int64).to(device);
        var parameters = network.TrainableParameters().ToList();
        var buffers = network.buffers().ToList();
        var losses = new List<Tensor>();
        var counts = new List<int>();
        for (var start = 0; start < n; start += batchSize)
        {
            var count = Math.Min(batchSize, n - start);
            using var scope = NewDisposeScope();
            var idx = perm.narrow(0, start, count);
            var xb = x.index_select(0, idx);
            var yb = y.index_select(0, idx);
            var saved = Snapshot(buffers);
            for (var attempt = 1; ; attempt++)
            {
                optimizer.ZeroGrad();
                var logits = network.forward(xb);
                var loss = nn.functional.cross_entropy(logits, yb);
                loss.backward();
                if (IsFinite(loss, parameters))
                {
                    optimizer.Step();
                    losses.Add(loss.detach().MoveToOuterDisposeScope());
                    counts.Add(count);
                    break;
                }
                if (attempt == MaxStepAttempts)
                    throw new InputException(
                        $"training diverged at epoch {epoch}, batch {start / batchSize + 1}: the loss or a gradient is NaN/Inf in "
                        + $"{MaxStepAttempts} attempts (lower --lr, or add --weight-decay)");
                Restore(buffers, saved); // batch-norm running statistics of the failed forward pass are undone
                recomputed++;
            }
        }
        double total = 0;
        using (var scope = NewDisposeScope())
        {
            // Σ (batch mean loss × batch size) in float64 on the host: no implicit Scalar (KeptScalars).
            var perBatch = stack(losses).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            for (var i = 0; i < perBatch.Length; i++) total += perBatch[i] * counts[i];
        }
        foreach (var l in losses) l.Dispose();
        return (total / n, recomputed);
    }

    /// <summary>
    /// One host synchronisation per step: the sum of the loss and of every gradient is finite iff all of them are
    /// (a NaN or ±Inf anywhere propagates into the sum; only an overflow of finite float32 values could also trip it,
    /// and that is divergence too). Stacks the partial sums instead of adding tensors, which would pass an implicit,
    /// collectable Scalar alpha to libtorch (<see cref="KeptScalars"/>).
    /// </summary>
    private static bool IsFinite(Tensor loss, List<TorchSharp.Modules.Parameter> parameters)
    {
        var parts = new List<Tensor> { loss.detach().to_type(ScalarType.Float64) };
        foreach (var p in parameters)
            if (p.grad is { } g) parts.Add(g.sum().to_type(ScalarType.Float64));
        return double.IsFinite(stack(parts).sum().cpu().item<double>());
    }

    private static List<Tensor> Snapshot(List<Tensor> buffers)
    {
        using var noGrad = no_grad();
        return buffers.Select(b => b.clone()).ToList();
    }

    private static void Restore(List<Tensor> buffers, List<Tensor> saved)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < buffers.Count; i++) buffers[i].copy_(saved[i]);
    }

    private static void Shuffle(long[] order, System.Random rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
