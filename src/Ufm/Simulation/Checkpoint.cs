using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Collapse.Theory;
using Collapse.Ufm.Engine;
using Collapse.Theory.IO;
using Collapse.Ufm.Model;
using Collapse.Ufm.Trajectories;
using Collapse.Theory.Svm;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Complete state of an interrupted run, enough to continue bit-identically: configuration, labels, step counter,
/// base step size and reference loss, optimiser state (parameters and velocities as exact float64), logged rows and
/// the W snapshots of the logged steps. Binary, little-endian, written atomically (temporary file + move).
/// </summary>
internal sealed record Checkpoint(
    UfmConfig Config, int Classes, int Dim, int[] Labels, long Step, double StepSize, double SmoothnessBound,
    double ReferenceLoss, EngineState State, List<TrajectoryRow> Rows, List<double[]> Snapshots, SvmReference? Svm, long CheckpointEvery)
{
    private const string Magic = "COLLAPSE-UFM-CHECKPOINT-1";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = true,
    };

    public void Write(string path)
    {
        using var ms = new MemoryStream();
        using (var bw = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            bw.Write(Magic);
            bw.Write(JsonSerializer.Serialize(Config, JsonOptions));
            bw.Write(Classes);
            bw.Write(Dim);
            WriteInts(bw, Labels);
            bw.Write(Step);
            bw.Write(StepSize);
            bw.Write(SmoothnessBound);
            bw.Write(ReferenceLoss);
            bw.Write(CheckpointEvery);
            WriteArray(bw, State.W); WriteArray(bw, State.H); WriteArray(bw, State.B);
            WriteArray(bw, State.VW); WriteArray(bw, State.VH); WriteArray(bw, State.VB);
            bw.Write(Rows.Count);
            foreach (var row in Rows)
                foreach (var (_, get) in TrajectoryRow.Columns) bw.Write(get(row));
            bw.Write(Snapshots.Count);
            foreach (var s in Snapshots) WriteArray(bw, s);
            bw.Write(Svm is not null);
            if (Svm is not null)
            {
                bw.Write(Svm.Classes); bw.Write(Svm.Dim); bw.Write(Svm.Bias); WriteArray(bw, Svm.Weights);
                bw.Write(Svm.DualityGap); bw.Write(Svm.MaxViolation); bw.Write(Svm.Certified);
            }
        }
        var bytes = ms.ToArray();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    public static Checkpoint Read(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            using var br = new BinaryReader(fs, Encoding.UTF8);
            if (br.ReadString() != Magic) throw new InputException($"--resume {path}: not a Collapse UFM checkpoint");
            var config = JsonSerializer.Deserialize<UfmConfig>(br.ReadString(), JsonOptions)
                         ?? throw new InputException($"--resume {path}: empty configuration");
            var classes = br.ReadInt32();
            var dim = br.ReadInt32();
            var labels = ReadInts(br);
            var step = br.ReadInt64();
            var eta = br.ReadDouble();
            var bound = br.ReadDouble();
            var reference = br.ReadDouble();
            var every = br.ReadInt64();
            var state = new EngineState(ReadArray(br)!, ReadArray(br)!, ReadArray(br), ReadArray(br), ReadArray(br), ReadArray(br));
            var rows = new List<TrajectoryRow>();
            var count = br.ReadInt32();
            var values = new double[TrajectoryRow.Columns.Count];
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < values.Length; c++) values[c] = br.ReadDouble();
                rows.Add(RowFrom(values));
            }
            var snapshots = new List<double[]>();
            var sc = br.ReadInt32();
            for (var s = 0; s < sc; s++) snapshots.Add(ReadArray(br)!);
            SvmReference? svm = null;
            if (br.ReadBoolean())
                svm = new SvmReference(br.ReadInt32(), br.ReadInt32(), br.ReadBoolean(), ReadArray(br)!, br.ReadDouble(), br.ReadDouble(), br.ReadBoolean());
            return new Checkpoint(config, classes, dim, labels, step, eta, bound, reference, state, rows, snapshots, svm, every);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InputException($"--resume {path}: unreadable checkpoint ({ex.Message})");
        }
    }

    private static TrajectoryRow RowFrom(double[] v)
    {
        var i = 0;
        double Next() => v[i++];
        return new TrajectoryRow
        {
            Step = (long)Next(),
            StepSize = Next(),
            Objective = Next(),
            Loss = Next(),
            LogLoss = Next(),
            TrainAccuracy = Next(),
            MinMargin = Next(),
            NormalizedMargin = Next(),
            UfmNormalizedMargin = Next(),
            SmoothedMargin = Next(),
            NormalizedSmoothedMargin = Next(),
            UfmNormalizedSmoothedMargin = Next(),
            NormW = Next(),
            NormH = Next(),
            NormB = Next(),
            Nc1 = Next(),
            Nc1TraceRatio = Next(),
            Cdnv = Next(),
            EquinormMeans = Next(),
            EquinormClassifier = Next(),
            Equiangularity = Next(),
            MaxAngle = Next(),
            EtfGramError = Next(),
            Nc3 = Next(),
            Nc4 = Next(),
            NccAccuracy = Next(),
            SvmDirectionDistance = Next(),
            SvmResidual = Next(),
            EtfGramCosine = Next(),
        };
    }

    private static void WriteInts(BinaryWriter bw, int[] a)
    {
        bw.Write(a.Length);
        foreach (var x in a) bw.Write(x);
    }

    private static int[] ReadInts(BinaryReader br)
    {
        var a = new int[br.ReadInt32()];
        for (var i = 0; i < a.Length; i++) a[i] = br.ReadInt32();
        return a;
    }

    private static void WriteArray(BinaryWriter bw, double[]? a)
    {
        bw.Write(a?.Length ?? -1);
        if (a is null) return;
        foreach (var x in a) bw.Write(x);
    }

    private static double[]? ReadArray(BinaryReader br)
    {
        var n = br.ReadInt32();
        if (n < 0) return null;
        var a = new double[n];
        for (var i = 0; i < n; i++) a[i] = br.ReadDouble();
        return a;
    }
}
