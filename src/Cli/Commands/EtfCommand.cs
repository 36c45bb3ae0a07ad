using System.CommandLine;
using Collapse.Cli.Rendering;
using Collapse.Theory.Etf;
using Collapse.Theory.IO;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse etf</c>: builds a simplex ETF of K classes in d dimensions (standard, or Haar-random with
/// <c>--seed</c>, optionally label-permuted) and prints its <see cref="EtfDiagnostic"/>; <c>--out</c> saves it as .npy.
/// </summary>
public static class EtfCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var classes = new Option<int>("--classes") { Description = "Number of classes K (≥ 2).", Required = true };
        var dim = new Option<int>("--dim") { Description = "Dimension d (≥ K−1).", Required = true };
        var seed = new Option<int?>("--seed") { Description = "Draw a Haar-random ETF with this seed (default: the standard ETF)." };
        var permute = new Option<bool>("--permute") { Description = "Permute the class labels (rows) with a random permutation drawn from the seed (0 if no --seed)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var output = new Option<string?>("--out") { Description = "Write the K×d ETF matrix (float64, rows = classes) to this .npy file." };

        var command = new Command("etf", "Build a simplex ETF and print how close it is to the exact one (Gram error, cosines, norms, singular values).");
        foreach (var o in new Option[] { classes, dim, seed, permute, json, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var draw = EtfDraw.Create(parse.GetValue(classes), parse.GetValue(dim), parse.GetValue(seed), parse.GetValue(permute));
            var (m, s, permutation) = (draw.Etf, draw.Seed, draw.Permutation);
            var path = parse.GetValue(output);
            if (path is not null) NpyWriter.WriteMatrix(path, m);

            var diag = EtfDiagnostic.Of(m);
            var report = new KeyValueOutput()
                .Add("classes", diag.Classes)
                .Add("dim", diag.Dim)
                .Add("kind", s is null ? "standard" : "random");
            if (s is { } used) report.Add("seed", used);
            if (permutation is not null) report.Add("permutation", permutation);
            report.Add("gramError", diag.GramError)
                .Add("minCosine", diag.MinCosine)
                .Add("maxCosine", diag.MaxCosine)
                .Add("expectedCosine", diag.ExpectedCosine)
                .Add("minNorm", diag.MinNorm)
                .Add("maxNorm", diag.MaxNorm)
                .Add("normSpread", diag.NormSpread)
                .Add("columnSumNorm", diag.ColumnSumNorm)
                .Add("singularValues", diag.SingularValues);
            if (path is not null) report.Add("out", path);
            report.Write(parse.InvocationConfiguration.Output, parse.GetValue(json));
            return 0;
        });
        return command;
    }
}
