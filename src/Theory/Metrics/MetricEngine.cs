using System.Diagnostics;
using Collapse.Theory.IO;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;
using Collapse.Theory.Validation;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The fast streamed metric core shared by <c>collapse metrics</c>, <c>analyze-run</c>, the UFM trajectory recorder
/// and the deep training log: pass 1 (class statistics, <see cref="Pass1"/>), preparation (nc1 projection, mean
/// geometry, packed operands, <see cref="Prepare"/>), pass 2 (decisions, margins, losses, <see cref="Pass2"/>) and the
/// report (<see cref="Assemble"/>). Each step is also the unit of a shard (<see cref="Sharding.MetricShards"/>).
/// </summary>
/// <remarks>
/// Threads work on fixed units: pass-1 blocks of <see cref="MetricOptions.BlockRows"/> rows merged in block order,
/// pass-2 items of a fixed number of rows merged in item order, class-pair minima (exact in any order). The units
/// depend on N, K, d and the chunk size only, so the result is bit-identical for every thread count. Memory:
/// O(K·d + chunk) per thread and a band of class-pair rows; K×K only with <see cref="PairMarginMode.Matrix"/>.
/// </remarks>
public static class MetricEngine
{
    /// <summary>Budget of class-pair margin entries of all bands together when the matrix is not kept (or K·d/4, if larger).</summary>
    public const long PairBandEntries = 1L << 22;

    /// <summary>K·d from which the engine collects garbage between phases (each K×d array is then ≥ 64 MB).</summary>
    private const long LargeMeans = 8L << 20;

    /// <summary>Bytes of per-thread pass-2 buffers per work item.</summary>
    private const long ItemBytes = 8L << 20;

    /// <summary>Both passes over <paramref name="source"/> (labels validated by the caller: in [0, K), every class present).</summary>
    public static MetricReport Compute(IFeatureSource source, int[] labels, int classes, Classifier? classifier, MetricOptions? options = null)
    {
        options ??= new MetricOptions();
        var clock = Stopwatch.StartNew();
        var stats = Pass1(source, labels, classes, 0, source.Rows, options).BuildInPlace();
        stats.RequireAllClassesPresent(source.Name);
        var large = (long)classes * source.Dim >= LargeMeans;
        if (large) GC.Collect(); // the K×d class sums are garbage now; keep the peak at the live K×d arrays
        var t1 = clock.Elapsed.TotalSeconds;
        var prepared = Prepare(stats, classifier, options);
        var t2 = clock.Elapsed.TotalSeconds;
        var pass2 = Pass2(source, labels, prepared.Model, 0, classes, options);
        var t3 = clock.Elapsed.TotalSeconds;
        var report = Assemble(prepared, pass2, options);
        var t4 = clock.Elapsed.TotalSeconds;
        return report with { Engine = report.Engine! with { Timings = new MetricTimings(t1, t2 - t1, t3 - t2, t4 - t3) } };
    }

    /// <summary>
    /// Pass 1 over rows [<paramref name="firstRow"/>, <paramref name="endRow"/>): blocks of
    /// <see cref="MetricOptions.BlockRows"/> rows are read and summarised in parallel (<see cref="ClassSumBlock"/>:
    /// counts and double-double class sums) and merged in block order, so the means do not depend on the split. With
    /// <see cref="MetricOptions.CheckFinite"/> the first NaN/±Inf in row order is an <see cref="InputException"/>.
    /// </summary>
    public static ClassSumAccumulator Pass1(IFeatureSource source, int[] labels, int classes, int firstRow, int endRow, MetricOptions options)
    {
        int d = source.Dim;
        var acc = new ClassSumAccumulator(classes, d);
        var blockRows = options.BlockRows(d);
        var total = endRow - firstRow;
        var blocks = (int)((total + (long)blockRows - 1) / blockRows);
        var threads = Math.Max(1, Math.Min(options.EffectiveThreads, blocks));
        var buffers = new double[threads][];
        var stats = new ClassSumBlock[threads];
        var errors = new Exception?[threads];
        for (var t = 0; t < threads; t++)
        {
            buffers[t] = new double[(long)Math.Min(blockRows, Math.Max(total, 1)) * d];
            stats[t] = new ClassSumBlock();
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.Cancellation };
        var progress = new ProgressThrottle(options.Progress, 1, total);
        for (var round = 0; round * (long)threads < blocks; round++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var inRound = Math.Min(threads, blocks - round * threads);
            void Block(int slot)
            {
                var bi = round * threads + slot;
                var r0 = firstRow + bi * blockRows;
                var n = Math.Min(blockRows, endRow - r0);
                try
                {
                    var rows = buffers[slot].AsSpan(0, n * d);
                    source.Read(r0, n, rows, default);
                    if (options.CheckFinite) InputValidation.CheckFinite(rows, d, r0, source.Name);
                    stats[slot].Compute(rows, labels.AsSpan(r0, n), classes, d);
                    errors[slot] = null;
                }
                catch (Exception ex) when (ex is InputException or ArgumentOutOfRangeException)
                {
                    errors[slot] = ex;
                }
            }
            if (inRound == 1) Block(0);
            else Parallel.For(0, inRound, parallel, Block);
            for (var slot = 0; slot < inRound; slot++)
            {
                if (errors[slot] is { } e) throw e is InputException ? e : new InputException($"{source.Name}: {e.Message}");
                acc.Merge(stats[slot]);
                progress.Add(Math.Min(blockRows, endRow - (firstRow + (round * threads + slot) * blockRows)));
            }
        }
        progress.Finish();
        return acc;
    }

    /// <summary>
    /// Everything between the passes: the centred means, the nc1 projection P = S⁻¹Vᵀ (rank min(K−1, d) with the
    /// relative cutoff), nc3 and the classifier equinorm, and the packed <see cref="EvaluationModel"/>. (The pairwise mean
    /// geometry, <see cref="MeanGeometry"/>, needs the within-class sums of pass 2 and is computed by <see cref="Assemble"/>.) A precomputed projection (from a shard plan) can be passed in.
    /// </summary>
    public static PreparedMetrics Prepare(ClassStatistics stats, Classifier? classifier, MetricOptions options, Nc1Basis? basis = null)
    {
        var clock = Stopwatch.StartNew();
        stats = FeatureScale.Apply(stats);
        var centred = CentredMeans.Of(stats);
        if (basis is null)
        {
            basis = Nc1.Basis(centred);
            if ((long)stats.Classes * stats.Dim >= LargeMeans) GC.Collect(); // the K×d work copy of the LQ factorization
        }
        double? nc3 = null, equinormW = null;
        if (classifier is not null)
        {
            nc3 = Metrics.Nc3.Compute(classifier.RowMajor, centred);
            equinormW = Equinorm.OfRows(classifier.RowMajor, classifier.Classes, classifier.Dim);
        }
        var model = EvaluationModel.Create(stats, classifier, basis.Projection, basis.Rank, options.Float32Screening);
        return new PreparedMetrics(stats, classifier, model, nc3, equinormW, basis, clock.Elapsed);
    }

    /// <summary>
    /// Pass 2 over the rows whose class lies in [<paramref name="classLo"/>, <paramref name="classHi"/>): fixed work items
    /// in parallel, each through <see cref="SampleBlock"/>; classes are visited band by band so that only a band of
    /// class-pair rows is held (all of them with <see cref="PairMarginMode.Matrix"/>).
    /// </summary>
    public static Pass2Result Pass2(IFeatureSource source, int[] labels, EvaluationModel model, int classLo, int classHi, MetricOptions options)
    {
        int k = model.Classes, d = model.Dim;
        var threads = Math.Max(1, options.EffectiveThreads);
        var keepMatrix = model.Classifier is not null && options.KeepsPairMatrix(k);
        var bandSize = classHi - classLo;
        if (model.Classifier is not null && !keepMatrix)
        {
            // All γ bands together (one per worker and the merged one) hold at most max(4M, K·d/4) entries.
            var budget = Math.Max(PairBandEntries, (long)k * d / 4);
            bandSize = (int)Math.Clamp(budget / ((long)k * (threads + 1)), 1, classHi - classLo);
        }
        if (bandSize < 1) bandSize = 1;
        var bands = Math.Max(1, (classHi - classLo + bandSize - 1) / bandSize);

        // Row order: by band, ascending rows within a band (the identity when there is one band over all classes).
        var (order, bandStart) = RowsByBand(labels, classLo, classHi, bandSize, bands);
        var itemRows = ItemRows(model, options);
        var result = new Pass2Result(k, classLo, classHi, keepMatrix);
        var builder = new ClassPairMarginStatisticsBuilder();
        var progress = new ProgressThrottle(options.Progress, 2, order?.Length ?? labels.Length);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.Cancellation };
        // Workers (buffers and a band of γ rows each) are pooled across items and bands: at most one per running thread.
        var pool = new System.Collections.Concurrent.ConcurrentBag<Worker>();
        var workers = new List<Worker>();
        PairMarginBlock? bandPairs = model.Classifier is null ? null : new PairMarginBlock(k, classLo, classLo + bandSize, bandSize);
        for (var band = 0; band < bands; band++)
        {
            var lo = classLo + band * bandSize;
            var hi = Math.Min(classHi, lo + bandSize);
            var r0 = bandStart[band];
            var rows = bandStart[band + 1] - r0;
            var items = (rows + itemRows - 1) / itemRows;
            var totals = new SampleTotals[items];
            var within = new double[rows]; // ‖h_i − μ_{y_i}‖² by position in the band, added in that order
            var bandLabels = new int[rows];
            bandPairs?.Reset(lo, hi);
            foreach (var w in workers) w.Pairs?.Reset(lo, hi);
            Parallel.For(0, items, parallel, item =>
            {
                if (!pool.TryTake(out var worker))
                {
                    worker = new Worker(model, itemRows, bandPairs is null ? null : new PairMarginBlock(k, lo, hi, bandSize));
                    lock (workers) workers.Add(worker);
                }
                var first = r0 + item * itemRows;
                var n = Math.Min(itemRows, r0 + rows - first);
                worker.Load(source, labels, order, first, n);
                var t = new SampleTotals();
                SampleBlock.Process(model, worker.X.AsSpan(0, n * d), source.StoresFloat32 && model.ScaleExponent == 0 ? worker.X32.AsSpan(0, n * d) : default,
                    worker.Labels.AsSpan(0, n), worker.Scratch, t, worker.Pairs, within.AsSpan(first - r0, n));
                worker.Labels.AsSpan(0, n).CopyTo(bandLabels.AsSpan(first - r0, n));
                totals[item] = t;
                progress.Add(n);
                pool.Add(worker);
            });
            if (bandPairs is not null)
                foreach (var w in workers) bandPairs.Merge(w.Pairs!);
            foreach (var t in totals) result.Totals.Merge(t);
            for (var i = 0; i < rows; i++) result.Within[bandLabels[i] - classLo].Add(within[i]);
            if (bandPairs is not null)
            {
                bandPairs.AddTo(builder);
                if (keepMatrix) bandPairs.CopyTo(result.Matrix!);
            }
        }
        progress.Finish();
        result.PairStatistics = builder;
        return result;
    }

    /// <summary>The report from the prepared quantities and the pass-2 totals (canonical conventions of docs/conventions.md).</summary>
    public static MetricReport Assemble(PreparedMetrics prepared, Pass2Result pass2, MetricOptions? options = null)
    {
        var stats0 = prepared.Stats;
        if (pass2.ClassLo != 0 || pass2.ClassHi != stats0.Classes) throw new ArgumentException("the pass-2 result must cover every class", nameof(pass2));
        // Within-class sums from pass 2 (two-pass with the final means: first-order insensitive to how pass 1 was split).
        var variance = new double[stats0.Classes];
        var within = new double[stats0.Classes];
        var withinTotal = new NeumaierSum();
        for (var c = 0; c < variance.Length; c++)
        {
            within[c] = pass2.Within[c].Value;
            variance[c] = stats0.Counts[c] == 0 ? double.NaN : within[c] / stats0.Counts[c];
            withinTotal.Add(within[c]);
        }
        var stats = stats0 with { ClassSquaredDeviation = within };
        var geo = MeanGeometry.Of(CentredMeans.Of(stats), variance, options?.Threads ?? 0, prepared.Basis.GramFrobenius2);
        var t = pass2.Totals;
        var n = (double)t.Count;
        var hasW = prepared.Classifier is not null;
        var undefined = new Dictionary<string, string>(geo.Undefined);
        // Exact zeros of the geometry (docs/metrics.md, "Degenerate geometry and extreme scales").
        var meansCoincide = !(geo.TraceSigmaB > 0);
        var zeroW = hasW && RobustNorm.MaxAbs(prepared.Classifier!.RowMajor) == 0;
        var zeroH = !(t.MaxNorm > 0) && !double.IsNaN(t.MaxNorm);
        double? Value(string key, double? value, string? reason = null)
        {
            if (value is not { } v) return null;
            if (reason is not null)
            {
                undefined.TryAdd(key, reason);
                return null;
            }
            if (undefined.ContainsKey(key)) return double.IsInfinity(v) ? v : null;
            if (double.IsFinite(v)) return v;
            undefined.TryAdd(key, double.IsNaN(v) ? MetricUndefined.NotANumber : MetricUndefined.Overflow);
            return double.IsNaN(v) ? null : v;
        }
        var coincide = meansCoincide ? MetricUndefined.MeansCoincide : null;
        var classifierZero = zeroW ? MetricUndefined.ZeroClassifier : null;
        var margins = hasW ? MarginAssembly.Summary(stats, prepared.Classifier!, t, pass2.PairStatistics.Build(), pass2.Matrix) : null;
        double? ce = null, logCe = null;
        if (hasW)
        {
            logCe = t.LogLoss.Value - Math.Log(n);
            ce = t.Loss.Value / n;
            if (double.IsPositiveInfinity(ce.Value) && double.IsFinite(logCe.Value)) ce = Math.Exp(logCe.Value); // Σ ℓ_i overflowed, the mean need not
        }
        var report = new MetricReport
        {
            Classes = stats.Classes,
            Samples = stats.Total,
            Dim = stats.Dim,
            Nc1 = Value("nc1", t.Nc1.Value / n, coincide),
            Nc1TraceRatio = Value("nc1TraceRatio", withinTotal.Value / n / geo.TraceSigmaB, coincide),
            Cdnv = Value("cdnv", geo.Cdnv),
            EquinormMeans = Value("equinormMeans", geo.EquinormMeans),
            EquinormClassifier = Value("equinormClassifier", prepared.EquinormClassifier, classifierZero),
            Equiangularity = Value("equiangularity", geo.Equiangularity),
            MaxAngle = Value("maxAngle", geo.MaxAngle),
            EtfGramError = Value("etfGramError", geo.EtfGramError),
            Nc3 = Value("nc3", prepared.Nc3, coincide ?? classifierZero),
            Nc4 = hasW ? t.Nc4Mismatch / n : null,
            NccAccuracy = t.NccCorrect / n,
            Accuracy = hasW ? t.Correct / n : null,
            Ce = Value("ce", ce),
            LogCe = Value("logCe", logCe),
            Margins = margins,
            Engine = new EngineDiagnostics(prepared.Basis.Rank, prepared.Model.ScreensInFloat32 ? "float32" : "float64", t.NccRechecks, t.LogitRechecks, geo.CdnvRecomputed)
            {
                ScaleExponent = stats.ScaleExponent,
            },
        };
        if (margins is not null)
        {
            var scaleZero = zeroW ? MetricUndefined.ZeroClassifier : zeroH ? MetricUndefined.ZeroFeatures : null;
            var ufmZero = zeroW && zeroH ? MetricUndefined.ZeroClassifier + " and " + MetricUndefined.ZeroFeatures : null;
            double Margin(string key, double value, string? reason) => Value(key, value, reason) ?? double.NaN;
            margins = margins with
            {
                MinMargin = Margin("minMargin", margins.MinMargin, null),
                NormalizedMargin = Margin("normalizedMargin", margins.NormalizedMargin, scaleZero),
                UfmNormalizedMargin = Margin("ufmNormalizedMargin", margins.UfmNormalizedMargin, ufmZero),
                SmoothedMargin = Margin("smoothedMargin", margins.SmoothedMargin, null),
                NormalizedSmoothedMargin = Margin("normalizedSmoothedMargin", margins.NormalizedSmoothedMargin, scaleZero),
                UfmNormalizedSmoothedMargin = Margin("ufmNormalizedSmoothedMargin", margins.UfmNormalizedSmoothedMargin, ufmZero),
            };
            report = report with { Margins = margins };
            var p = margins.PairStatistics;
            if (p.Pairs > 0)
            {
                Value("pairMarginMean", p.Mean);
                Value("pairMarginStd", p.Std);
                Value("pairMarginMax", p.Max);
            }
        }
        return undefined.Count == 0 ? report : report with { Undefined = MetricUndefined.InKeyOrder(undefined) };
    }

    /// <summary>
    /// Rows of one pass-2 work item: about 8 MB of buffers, but at least 128 rows when K·d is large (each item streams
    /// the packed W and means once, so fewer rows would make the products memory-bound), at most the chunk size, a
    /// multiple of 8 when above 8.
    /// </summary>
    public static int ItemRows(EvaluationModel model, MetricOptions options)
    {
        var k = model.Classes;
        var d = model.Dim;
        var pad = (k + 31) / 32 * 32;
        var perRow = (long)d * 20 + pad * 12L + (model.Nc1Rank + 16) * 8L;
        var rows = (int)Math.Clamp(ItemBytes / perRow, (long)k * d >= 1 << 20 ? 128 : 16, 1024);
        if (options.ChunkRows is { } c) rows = Math.Min(rows, c);
        return rows > 8 ? rows / 8 * 8 : Math.Max(1, rows);
    }

    private static (int[]? Order, int[] BandStart) RowsByBand(int[] labels, int classLo, int classHi, int bandSize, int bands)
    {
        var start = new int[bands + 1];
        if (bands == 1 && classLo == 0 && classHi > labels.Max())
        {
            start[1] = labels.Length;
            return (null, start);
        }
        var counts = new int[bands];
        foreach (var y in labels)
            if (y >= classLo && y < classHi) counts[(y - classLo) / bandSize]++;
        for (var b = 0; b < bands; b++) start[b + 1] = start[b] + counts[b];
        var order = new int[start[bands]];
        var at = (int[])start.Clone();
        for (var i = 0; i < labels.Length; i++)
        {
            var y = labels[i];
            if (y >= classLo && y < classHi) order[at[(y - classLo) / bandSize]++] = i;
        }
        return (order, start);
    }

    /// <summary>Per-thread state of pass 2: the rows of the current item, their labels, kernel scratch, a band of γ rows.</summary>
    private sealed class Worker(EvaluationModel model, int itemRows, PairMarginBlock? pairs)
    {
        public readonly double[] X = new double[(long)itemRows * model.Dim];
        public readonly float[] X32 = new float[(long)itemRows * model.Dim];
        public readonly int[] Labels = new int[itemRows];
        public readonly SampleScratch Scratch = new();
        public readonly PairMarginBlock? Pairs = pairs;

        /// <summary>Reads positions [first, first + n) of <paramref name="order"/> (or rows [first, first + n) without one), coalescing runs.</summary>
        public void Load(IFeatureSource source, int[] labels, int[]? order, int first, int n)
        {
            var d = model.Dim;
            // Rescaled rows (FeatureScale) get their float32 copy from the scaled float64 values in the kernel.
            var want32 = source.StoresFloat32 && model.ScaleExponent == 0;
            if (order is null)
            {
                source.Read(first, n, X.AsSpan(0, n * d), want32 ? X32.AsSpan(0, n * d) : default);
                labels.AsSpan(first, n).CopyTo(Labels);
                FeatureScale.Scale(X.AsSpan(0, n * d), model.ScaleExponent);
                return;
            }
            var i = 0;
            while (i < n)
            {
                var row = order[first + i];
                var run = 1;
                while (i + run < n && order[first + i + run] == row + run) run++;
                source.Read(row, run, X.AsSpan(i * d, run * d), want32 ? X32.AsSpan(i * d, run * d) : default);
                for (var r = 0; r < run; r++) Labels[i + r] = labels[row + r];
                i += run;
            }
            FeatureScale.Scale(X.AsSpan(0, n * d), model.ScaleExponent);
        }
    }

    /// <summary>Reports progress at most ten times a second, from any thread.</summary>
    private sealed class ProgressThrottle(IProgress<MetricProgress>? progress, int pass, long total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _done;
        private long _lastTicks = -1;

        public void Add(long n)
        {
            var done = Interlocked.Add(ref _done, n);
            if (progress is null) return;
            var now = _clock.ElapsedMilliseconds;
            var last = Interlocked.Read(ref _lastTicks);
            if (now - last < 100 && done < total) return;
            if (Interlocked.CompareExchange(ref _lastTicks, now, last) != last) return;
            progress.Report(new MetricProgress(pass, done, total, _clock.Elapsed));
        }

        public void Finish() => progress?.Report(new MetricProgress(pass, Interlocked.Read(ref _done), total, _clock.Elapsed));
    }
}
