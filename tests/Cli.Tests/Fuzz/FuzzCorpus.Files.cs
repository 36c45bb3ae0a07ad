namespace Collapse.Cli.Tests.Fuzz;

internal static partial class FuzzCorpus
{
    /// <summary>A command that reads a features/labels pair: how to call it with the given files.</summary>
    private sealed record FileConsumer(string Command, Func<FuzzWorkspace, string, string, string[]> Args);

    private static readonly FileConsumer[] PairConsumers =
    [
        new("metrics", (_, h, y) => ["metrics", "--features", h, "--labels", y]),
        new("svm", (_, h, y) => ["svm", "--features", h, "--labels", y]),
        new("ufm", (ws, h, y) => ["ufm", "--mode", "fixed-features", "--features", h, "--labels", y, "--steps", "5", "--out", ws.Out]),
    ];

    /// <summary>Every .npy mutation crossed with every command that reads features and labels, and with the classifier of metrics.</summary>
    private static IEnumerable<FuzzCase> Files()
    {
        foreach (var m in NpyMutation.Matrix())
        {
            foreach (var consumer in PairConsumers)
                yield return Bad(consumer.Command, "features-" + m.Name, ws =>
                {
                    var (h, y, _, _) = ws.Valid();
                    return consumer.Args(ws, ws.Bytes("bad.npy", m.Apply(File.ReadAllBytes(h))), y);
                }, Fragments("bad.npy", m.Fragment));
            yield return Bad("metrics", "classifier-" + m.Name, ws =>
            {
                var (h, y, w, _) = ws.Valid();
                return ["metrics", "--features", h, "--labels", y, "--classifier", ws.Bytes("badW.npy", m.Apply(File.ReadAllBytes(w)))];
            }, Fragments("badW.npy", m.Fragment));
            yield return Bad("analyze-run", "train-features-" + m.Name, ws => ["analyze-run", Corrupt(ws, "epoch-0003/train_features.npy", m)], Fragments("train_features.npy", m.Fragment));
        }
        foreach (var m in NpyMutation.Labels())
        {
            foreach (var consumer in PairConsumers)
                yield return Bad(consumer.Command, m.Name, ws =>
                {
                    var (h, y, _, _) = ws.Valid();
                    return consumer.Args(ws, h, ws.Bytes("bad-labels.npy", m.Apply(File.ReadAllBytes(y))));
                }, Fragments("bad-labels.npy", m.Fragment));
            yield return Bad("analyze-run", "train-" + m.Name, ws => ["analyze-run", Corrupt(ws, "epoch-0003/train_labels.npy", m)], Fragments("train_labels.npy", m.Fragment));
        }
    }

    /// <summary>A copy of the PyTorch run folder with <paramref name="file"/> broken by <paramref name="m"/>.</summary>
    private static string Corrupt(FuzzWorkspace ws, string file, NpyMutation m)
    {
        var run = ws.RunFolder();
        var path = Path.Combine(run, file);
        File.WriteAllBytes(path, m.Apply(File.ReadAllBytes(path)));
        return run;
    }

    private static string[] Fragments(params string[] fragments) => fragments.Where(f => f.Length > 0).ToArray();
}
