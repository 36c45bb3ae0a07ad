using System.Security.Cryptography;
using Collapse.Theory.IO;
using Collapse.Theory.Margins;
using Collapse.Theory.Metrics.SecondPass;
using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;
using Collapse.Theory.Validation;

namespace Collapse.Theory.Metrics.Sharding;

/// <summary>
/// The steps of a sharded metric run, each a separate process (a Slurm array task or a local call): <see cref="Plan"/>,
/// <see cref="RunPass1"/> per row shard (writes the Chan accumulator state of its rows), <see cref="MergePass1"/>
/// (merges the states exactly in shard order, checks every class has samples, computes the nc1 projection, writes
/// <c>stats.bin</c>), <see cref="RunPass2"/> per class shard (the second pass over the samples of its classes, with the
/// merged means), and <see cref="Merge"/> (sums the pass-2 totals in shard order and assembles the same
/// <see cref="MetricReport"/> as a one-process run, equal to it to rounding: 1e-12 relative in the tests).
/// Every pass-2 state records the SHA-256 of the <c>stats.bin</c> it used; the merge refuses mixed or stale states.
/// </summary>
public static class MetricShards
{
    private const int Pass1Magic = 0x31535043;  // "CPS1"
    private const int StatsMagic = 0x41545343;  // "CSTA"
    private const int Pass2Magic = 0x32535043;  // "CPS2"
    private const int FormatVersion = 2; // 2: max|h_ij| in the pass-1 state, Σ‖h‖² and max‖h‖ in the pass-2 totals

    /// <summary>
    /// Validates the inputs and writes <c>DIR/plan.json</c> for <paramref name="shards"/> shards: pass-1 row ranges
    /// aligned to the chunk size, pass-2 class ranges of about N/S samples each.
    /// </summary>
    /// <exception cref="InputException">Bad inputs or shard count.</exception>
    public static MetricShardPlan Plan(NpyMetricsInputs inputs, int shards, string dir, MetricOptions options)
    {
        if (shards < 1) throw new InputException($"--shards {shards}: must be at least 1");
        var full = inputs with
        {
            FeaturesPath = Path.GetFullPath(inputs.FeaturesPath),
            LabelsPath = Path.GetFullPath(inputs.LabelsPath),
            ClassifierPath = inputs.ClassifierPath is null ? null : Path.GetFullPath(inputs.ClassifierPath),
            BiasPath = inputs.BiasPath is null ? null : Path.GetFullPath(inputs.BiasPath),
        };
        using var loaded = NpyMetricsPipeline.Load(full);
        int n = loaded.Features.Rows, k = loaded.Classes, d = loaded.Features.Dim;
        if (shards > n) throw new InputException($"--shards {shards}: more shards than the {n} rows");
        if (shards > k) throw new InputException($"--shards {shards}: more shards than the K = {k} classes (pass-2 shards are class ranges)");
        var chunk = full.ChunkRows ?? options.BlockRows(d);
        var blocks = (n + chunk - 1) / chunk;
        var pass1 = new List<RowRange>();
        for (var s = 0; s < shards; s++)
        {
            var b0 = (int)((long)blocks * s / shards);
            var b1 = (int)((long)blocks * (s + 1) / shards);
            pass1.Add(new RowRange(Math.Min(n, b0 * chunk), Math.Min(n, b1 * chunk)));
        }
        var counts = InputValidation.CountClasses(loaded.Labels, k);
        var pass2 = new List<ClassRange>();
        long seen = 0;
        var first = 0;
        for (var c = 0; c < k; c++)
        {
            seen += counts[c];
            var remainingShards = shards - pass2.Count - 1;
            var due = n * (long)(pass2.Count + 1) / shards;
            if (remainingShards > 0 && (seen >= due || k - c - 1 == remainingShards))
            {
                pass2.Add(new ClassRange(first, c + 1, Rows(counts, first, c + 1)));
                first = c + 1;
            }
        }
        pass2.Add(new ClassRange(first, k, Rows(counts, first, k)));
        var plan = new MetricShardPlan
        {
            Inputs = full with { Classes = k, ChunkRows = chunk },
            Classes = k,
            Dim = d,
            Rows = n,
            ChunkRows = chunk,
            PairMatrix = options.KeepsPairMatrix(k) && full.ClassifierPath is not null,
            Float32Screening = options.Float32Screening,
            Pass1 = pass1,
            Pass2 = pass2,
            Fingerprints = new[] { full.FeaturesPath, full.LabelsPath, full.ClassifierPath, full.BiasPath }.OfType<string>().Select(InputFingerprint.Of).ToList(),
        };
        Directory.CreateDirectory(Path.Combine(dir, "pass1"));
        Directory.CreateDirectory(Path.Combine(dir, "pass2"));
        plan.Write(dir);
        return plan;
    }

    private static long Rows(int[] counts, int lo, int hi)
    {
        long s = 0;
        for (var c = lo; c < hi; c++) s += counts[c];
        return s;
    }

    /// <summary>Runs pass 1 over the rows of shard <paramref name="index"/> and writes <c>DIR/pass1/shard-III.bin</c>.</summary>
    /// <exception cref="InputException">Bad index, changed inputs, or a NaN/Inf feature.</exception>
    public static void RunPass1(string dir, int index, MetricOptions options)
    {
        var plan = MetricShardPlan.Read(dir);
        CheckIndex(plan, index);
        plan.CheckInputsUnchanged();
        using var loaded = NpyMetricsPipeline.Load(plan.Inputs);
        var range = plan.Pass1[index];
        var acc = MetricEngine.Pass1(loaded.Features, loaded.Labels, plan.Classes, range.First, range.End, options with { ChunkRows = plan.ChunkRows });
        AtomicFile.Write(MetricShardLayout.Pass1(dir, index), s =>
        {
            using var w = new BinaryWriter(s);
            w.Write(Pass1Magic);
            w.Write(FormatVersion);
            w.Write(index);
            w.Write(range.First);
            w.Write(range.End);
            acc.WriteState(w);
        });
    }

    /// <summary>
    /// Merges every pass-1 state in shard order (Chan et al. 1979), checks that every class has samples, computes the nc1
    /// projection and writes <c>DIR/stats.bin</c>.
    /// </summary>
    /// <exception cref="InputException">A missing, foreign or corrupt shard state, or an empty class.</exception>
    public static ClassStatistics MergePass1(string dir)
    {
        var plan = MetricShardPlan.Read(dir);
        ClassSumAccumulator? total = null;
        for (var i = 0; i < plan.Shards; i++)
        {
            var path = MetricShardLayout.Pass1(dir, i);
            var acc = ReadFile(path, r =>
            {
                Expect(r, Pass1Magic, path, "pass-1 shard state");
                var index = r.ReadInt32();
                var first = r.ReadInt32();
                var end = r.ReadInt32();
                if (index != i || first != plan.Pass1[i].First || end != plan.Pass1[i].End)
                    throw new InputException($"{path}: state of shard {index} rows [{first}, {end}), the plan has shard {i} rows [{plan.Pass1[i].First}, {plan.Pass1[i].End})");
                var a = ClassSumAccumulator.ReadState(r);
                if (a.Classes != plan.Classes || a.Dim != plan.Dim) throw new InputException($"{path}: state of K = {a.Classes}, d = {a.Dim}; the plan has K = {plan.Classes}, d = {plan.Dim}");
                return a;
            });
            if (total is null) total = acc;
            else total.Merge(acc);
        }
        var stats = total!.Build();
        if (stats.Total != plan.Rows) throw new InputException($"{dir}: the pass-1 states hold {stats.Total} rows, the plan {plan.Rows}");
        stats.RequireAllClassesPresent(plan.Inputs.LabelsPath);
        var basis = Nc1.Basis(CentredMeans.Of(FeatureScale.Apply(stats))); // the basis of the statistics pass 2 uses
        AtomicFile.Write(MetricShardLayout.Stats(dir), s =>
        {
            using var w = new BinaryWriter(s);
            w.Write(StatsMagic);
            w.Write(FormatVersion);
            total.WriteState(w);
            w.Write(basis.Rank);
            foreach (var v in basis.Projection) w.Write(v);
            w.Write(basis.SingularValues.Length);
            foreach (var v in basis.SingularValues) w.Write(v);
            w.Write(basis.GramFrobenius2);
        });
        return stats;
    }

    /// <summary>The merged statistics, the nc1 basis and the SHA-256 of <c>stats.bin</c>.</summary>
    /// <exception cref="InputException">Missing or corrupt.</exception>
    public static (ClassStatistics Stats, Nc1Basis Basis, byte[] Hash) ReadStats(string dir)
    {
        var path = MetricShardLayout.Stats(dir);
        if (!File.Exists(path)) throw new InputException($"{path}: missing; run `collapse metrics merge {dir} --pass 1` after every pass-1 shard");
        var bytes = File.ReadAllBytes(path);
        var hash = SHA256.HashData(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes));
        try
        {
            Expect(r, StatsMagic, path, "merged statistics");
            var acc = ClassSumAccumulator.ReadState(r);
            var rank = r.ReadInt32();
            if (rank < 0 || rank > Math.Min(acc.Classes, acc.Dim)) throw new InvalidDataException($"rank {rank}");
            var p = new double[(long)rank * acc.Dim];
            for (var i = 0; i < p.Length; i++) p[i] = r.ReadDouble();
            var count = r.ReadInt32();
            if (count < rank || count > Math.Min(acc.Classes, acc.Dim)) throw new InvalidDataException($"{count} singular values");
            var sv = new double[count];
            for (var i = 0; i < count; i++) sv[i] = r.ReadDouble();
            var f2 = r.ReadDouble();
            return (acc.BuildInPlace(), new Nc1Basis(p, rank, sv, f2), hash);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw new InputException($"{path}: corrupt merged statistics ({ex.Message})");
        }
    }

    /// <summary>Runs pass 2 over the samples of the classes of shard <paramref name="index"/> and writes <c>DIR/pass2/shard-III.bin</c>.</summary>
    /// <exception cref="InputException">Bad index, changed inputs, missing <c>stats.bin</c>.</exception>
    public static void RunPass2(string dir, int index, MetricOptions options)
    {
        var plan = MetricShardPlan.Read(dir);
        CheckIndex(plan, index);
        plan.CheckInputsUnchanged();
        var (stats, basis, hash) = ReadStats(dir);
        using var loaded = NpyMetricsPipeline.Load(plan.Inputs);
        var o = Options(plan, options);
        var prepared = MetricEngine.Prepare(stats, loaded.Classifier, o, basis);
        var range = plan.Pass2[index];
        var result = MetricEngine.Pass2(loaded.Features, loaded.Labels, prepared.Model, range.First, range.End, o);
        AtomicFile.Write(MetricShardLayout.Pass2(dir, index), s =>
        {
            using var w = new BinaryWriter(s);
            w.Write(Pass2Magic);
            w.Write(FormatVersion);
            w.Write(index);
            w.Write(hash);
            w.Write(range.First);
            w.Write(range.End);
            WriteTotals(w, result.Totals);
            foreach (var within in result.Within) Write(w, within);
            WriteBuilder(w, result.PairStatistics);
            w.Write(result.Matrix is not null);
            if (result.Matrix is { } m)
                for (var a = range.First; a < range.End; a++)
                    for (var b = 0; b < plan.Classes; b++) w.Write(m[a, b]);
        });
    }

    /// <summary>Merges every pass-2 state in shard order and assembles the report.</summary>
    /// <exception cref="InputException">A missing, stale (other stats.bin) or corrupt state.</exception>
    public static MetricReport Merge(string dir, MetricOptions options)
    {
        var plan = MetricShardPlan.Read(dir);
        var (stats, basis, hash) = ReadStats(dir);
        using var loaded = NpyMetricsPipeline.Load(plan.Inputs);
        var o = Options(plan, options);
        var total = new Pass2Result(plan.Classes, 0, plan.Classes, plan.PairMatrix);
        for (var i = 0; i < plan.Shards; i++)
        {
            var path = MetricShardLayout.Pass2(dir, i);
            var range = plan.Pass2[i];
            var part = ReadFile(path, r =>
            {
                Expect(r, Pass2Magic, path, "pass-2 shard state");
                var index = r.ReadInt32();
                var used = r.ReadBytes(32);
                if (!used.AsSpan().SequenceEqual(hash))
                    throw new InputException($"{path}: computed with another stats.bin (SHA-256 {Convert.ToHexStringLower(used)[..12]}…, now {Convert.ToHexStringLower(hash)[..12]}…); rerun pass 2");
                var lo = r.ReadInt32();
                var hi = r.ReadInt32();
                if (index != i || lo != range.First || hi != range.End)
                    throw new InputException($"{path}: state of shard {index} classes [{lo}, {hi}), the plan has shard {i} classes [{range.First}, {range.End})");
                var keep = plan.PairMatrix;
                var result = new Pass2Result(plan.Classes, lo, hi, keep);
                result.Totals.Merge(ReadTotals(r));
                for (var c = 0; c < hi - lo; c++) result.Within[c] = ReadSum(r);
                result.PairStatistics = ReadBuilder(r);
                var hasMatrix = r.ReadBoolean();
                if (hasMatrix != keep) throw new InputException($"{path}: class-pair matrix {(hasMatrix ? "present" : "absent")}, the plan says otherwise");
                if (hasMatrix)
                    for (var a = lo; a < hi; a++)
                        for (var b = 0; b < plan.Classes; b++) result.Matrix![a, b] = r.ReadDouble();
                return result;
            });
            total.Merge(part);
        }
        if (total.Totals.Count != plan.Rows) throw new InputException($"{dir}: the pass-2 states hold {total.Totals.Count} samples, the plan {plan.Rows}");
        var prepared = MetricEngine.Prepare(stats, loaded.Classifier, o, basis);
        return MetricEngine.Assemble(prepared, total, o);
    }

    /// <summary>Every step in this process, one after the other (the same files as a Slurm run).</summary>
    public static MetricReport RunLocally(NpyMetricsInputs inputs, int shards, string dir, MetricOptions options)
    {
        var plan = Plan(inputs, shards, dir, options);
        for (var i = 0; i < plan.Shards; i++) RunPass1(dir, i, options);
        MergePass1(dir);
        for (var i = 0; i < plan.Shards; i++) RunPass2(dir, i, options);
        return Merge(dir, options);
    }

    private static MetricOptions Options(MetricShardPlan plan, MetricOptions options) => options with
    {
        ChunkRows = plan.ChunkRows,
        PairMargins = plan.PairMatrix ? PairMarginMode.Matrix : PairMarginMode.Summary,
        Float32Screening = plan.Float32Screening,
    };

    private static void CheckIndex(MetricShardPlan plan, int index)
    {
        if (index < 0 || index >= plan.Shards) throw new InputException($"--index {index}: the plan has shards 0..{plan.Shards - 1}");
    }

    private static void Expect(BinaryReader r, int magic, string path, string what)
    {
        if (r.ReadInt32() != magic) throw new InputException($"{path}: not a {what}");
        var v = r.ReadInt32();
        if (v != FormatVersion) throw new InputException($"{path}: {what} format {v}, expected {FormatVersion}");
    }

    private static T ReadFile<T>(string path, Func<BinaryReader, T> read)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: missing (has that shard run?)");
        using var r = new BinaryReader(File.OpenRead(path));
        try { return read(r); }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw new InputException($"{path}: corrupt shard state ({ex.Message})");
        }
    }

    private static void WriteTotals(BinaryWriter w, SampleTotals t)
    {
        w.Write(t.Count);
        w.Write(t.NccCorrect);
        w.Write(t.Nc4Mismatch);
        w.Write(t.Correct);
        w.Write(t.MinMargin);
        Write(w, t.Loss);
        Write(w, t.LogLoss);
        Write(w, t.Smoothed);
        Write(w, t.Nc1);
        w.Write(t.NccRechecks);
        w.Write(t.LogitRechecks);
        Write(w, t.SquaredNorms);
        w.Write(t.MaxNorm);
    }

    private static SampleTotals ReadTotals(BinaryReader r) => SampleTotals.FromParts(
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(),
        ReadSum(r), ReadLse(r), ReadLse(r), ReadSum(r), r.ReadInt64(), r.ReadInt64(), ReadSum(r), r.ReadDouble());

    private static void Write(BinaryWriter w, NeumaierSum s)
    {
        var (sum, c) = s.Parts;
        w.Write(sum);
        w.Write(c);
    }

    private static NeumaierSum ReadSum(BinaryReader r) => NeumaierSum.FromParts(r.ReadDouble(), r.ReadDouble());

    private static void Write(BinaryWriter w, LogSumExpAccumulator a)
    {
        var (max, scaled, any) = a.Parts;
        w.Write(max);
        w.Write(scaled);
        w.Write(any);
    }

    private static LogSumExpAccumulator ReadLse(BinaryReader r) => LogSumExpAccumulator.FromParts(r.ReadDouble(), r.ReadDouble(), r.ReadBoolean());

    private static void WriteBuilder(BinaryWriter w, ClassPairMarginStatisticsBuilder b)
    {
        var s = b.State;
        w.Write(s.N);
        w.Write(s.Mean);
        w.Write(s.M2.Mantissa);
        w.Write(s.M2.Exponent);
        w.Write(s.Min);
        w.Write(s.Max);
        w.Write(s.Negative);
        w.Write(s.Worst.Length);
        foreach (var p in s.Worst)
        {
            w.Write(p.K);
            w.Write(p.L);
            w.Write(p.Gamma);
        }
    }

    private static ClassPairMarginStatisticsBuilder ReadBuilder(BinaryReader r)
    {
        var n = r.ReadInt64();
        var mean = r.ReadDouble();
        var m2 = new ScaledValue(r.ReadDouble(), r.ReadInt64());
        var min = r.ReadDouble();
        var max = r.ReadDouble();
        var negative = r.ReadInt64();
        var count = r.ReadInt32();
        if (count < 0 || count > 1 << 20) throw new InvalidDataException($"{count} worst pairs");
        var worst = new ClassPairMargin[count];
        for (var i = 0; i < count; i++) worst[i] = new ClassPairMargin(r.ReadInt32(), r.ReadInt32(), r.ReadDouble());
        return ClassPairMarginStatisticsBuilder.FromState(n, mean, m2, min, max, negative, worst);
    }
}
