using System.CommandLine;
using Collapse.Cli.Rendering;
using Collapse.Theory.IO;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse metrics</c>: every NC metric, margin and loss of a features/labels pair of .npy files (and optionally a
/// classifier W and bias b), streamed in chunks through <see cref="NpyMetricsPipeline"/>.
/// </summary>
public static class MetricsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var features = new Option<string>("--features") { Description = "N×d features (.npy, float32/float64, C order).", Required = true };
        var labels = new Option<string>("--labels") { Description = "N labels (.npy, int32/int64/uint8) in [0, K).", Required = true };
        var classifier = new Option<string?>("--classifier") { Description = "K×d classifier W (.npy); enables nc3, nc4, margins and CE." };
        var bias = new Option<string?>("--bias") { Description = "Bias b of length K (.npy); needs --classifier." };
        var classes = new Option<int?>("--classes") { Description = "Number of classes K (default: max label + 1)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var chunkRows = new Option<int?>("--chunk-rows") { Description = "Rows per streamed chunk (default: about 8 MB of doubles)." };

        var command = new Command("metrics", "Compute NC1–NC4, CDNV, equinorm/equiangularity, margins and CE of features in .npy files (streamed, two passes).");
        foreach (var o in new Option[] { features, labels, classifier, bias, classes, json, chunkRows }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var report = NpyMetricsPipeline.Compute(new NpyMetricsInputs(
                parse.GetValue(features)!, parse.GetValue(labels)!, parse.GetValue(classifier), parse.GetValue(bias),
                parse.GetValue(classes), parse.GetValue(chunkRows)));
            var output = new KeyValueOutput();
            foreach (var (key, value) in report.ToKeyValues())
                output.Add(key, key is "classes" or "samples" or "dim" ? (long)value : value);
            var asJson = parse.GetValue(json);
            if (report.Margins is { HasClassPair: true } m && asJson) output.Add("classPairMargins", m.ClassPair);
            output.Write(parse.InvocationConfiguration.Output, asJson);
            return 0;
        });
        return command;
    }
}
