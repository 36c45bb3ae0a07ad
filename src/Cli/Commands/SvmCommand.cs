using System.Globalization;
using System.CommandLine;
using Collapse.Cli.Rendering;
using Collapse.Theory.IO;
using Collapse.Theory.Svm;

namespace Collapse.Cli.Commands;

/// <summary>
/// <c>collapse svm</c>: the certified bias-free multi-class hard-margin SVM of a features/labels pair of .npy files
/// (<see cref="SvmFiles"/>): margin, ||W||, support vectors and the certificate (violation, duality gap,
/// stationarity); <c>--out</c> saves W. Exit code 1 when the solution is not certified at the default tolerances.
/// </summary>
public static class SvmCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var features = new Option<string>("--features") { Description = "N×d features (.npy, float32/float64, C order).", Required = true };
        var labels = new Option<string>("--labels") { Description = "N labels (.npy, int32/int64/uint8) in [0, K).", Required = true };
        var classes = new Option<int?>("--classes") { Description = "Number of classes K (default: max label + 1)." };
        var method = new Option<string>("--method")
        {
            Description = "Solver: active-set (Lawson–Hanson least-distance NNLS, default) or pdlp (OR-Tools PDLP); both end with the KKT polish.",
            DefaultValueFactory = _ => "active-set",
        };
        method.AcceptOnlyFromAmong("active-set", "pdlp");
        var noPolish = new Option<bool>("--no-polish") { Description = "Skip the KKT polish (to see a solver's own accuracy)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var output = new Option<string?>("--out") { Description = "Write the K×d classifier W (float64) to this .npy file." };

        var command = new Command("svm", "Solve the bias-free multi-class hard-margin SVM min ½||W||² s.t. (w_y − w_j)·h ≥ 1 with an optimality certificate.");
        foreach (var o in new Option[] { features, labels, classes, method, noPolish, json, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new SvmOptions
            {
                Method = parse.GetValue(method) == "pdlp" ? SvmMethod.Pdlp : SvmMethod.ActiveSet,
                Polish = !parse.GetValue(noPolish),
            };
            var solution = SvmFiles.Solve(parse.GetValue(features)!, parse.GetValue(labels)!, parse.GetValue(classes), options);
            var path = parse.GetValue(output);
            if (path is not null) NpyWriter.WriteMatrix(path, solution.W);

            var c = solution.Certificate;
            var certified = c.IsCertified();
            var report = new KeyValueOutput()
                .Add("classes", solution.W.RowCount)
                .Add("samples", solution.Lambda.Length / solution.W.RowCount)
                .Add("dim", solution.W.ColumnCount)
                .Add("method", parse.GetValue(method)!)
                .Add("polished", solution.Polished)
                .Add("margin", c.Margin)
                .Add("normW", c.NormW)
                .Add("supportVectors", c.SupportVectors)
                .Add("activeConstraints", c.ActiveConstraints)
                .Add("maxViolation", c.MaxViolation)
                .Add("dualityGap", c.DualityGap)
                .Add("stationarity", c.Stationarity)
                .Add("minLambda", c.MinLambda)
                .Add("marginLowerBound", c.MarginLowerBound)
                .Add("marginUpperBound", c.MarginUpperBound)
                .Add("primalObjective", c.PrimalObjective)
                .Add("dualObjective", c.DualObjective);
            if (solution.FeatureScaleExponent != 0)
            {
                report.Add("featureScaleExponent", solution.FeatureScaleExponent);
                if (OutOfRange(solution) is { Count: > 0 } outOfRange) report.Add("outOfRange", outOfRange);
            }
            report.Add("iterations", solution.Iterations).Add("certified", certified);
            if (path is not null) report.Add("out", path);
            report.Write(parse.InvocationConfiguration.Output, parse.GetValue(json));
            if (certified) return 0;
            var t = SvmTolerances.Default;
            parse.InvocationConfiguration.Error.WriteLine(
                $"warning: the SVM solution is not certified (needs violation ≤ {t.MaxViolation:G2}, gap ≤ {t.DualityGap:G2}, stationarity ≤ {t.Stationarity:G2}, λ ≥ 0)");
            return 1;
        });
        return command;
    }

    /// <summary>
    /// The values that rescaled features (<see cref="SvmSolution.FeatureScaleExponent"/>) push outside the float64 range
    /// (read 0 or ∞), each with its order of magnitude, from ‖W‖ or, when that is out of range too, from the margin 1/‖W‖.
    /// </summary>
    private static Dictionary<string, string> OutOfRange(SvmSolution solution)
    {
        var c = solution.Certificate;
        double? log10NormW = c.NormW > 0 && double.IsFinite(c.NormW) ? Math.Log10(c.NormW)
            : c.Margin > 0 && double.IsFinite(c.Margin) ? -Math.Log10(c.Margin) : null;
        var result = new Dictionary<string, string>();
        void Check(string key, double value, string what, double? log10)
        {
            if (value != 0 && !double.IsInfinity(value)) return;
            var size = log10 is double l ? string.Create(CultureInfo.InvariantCulture, $" ≈ 1e{Math.Round(l):F0}") : "";
            result[key] = $"{what}{size} is outside the float64 range (solved and certified on the features × 2^{-solution.FeatureScaleExponent})";
        }
        Check("margin", c.Margin, "1/‖W‖", -log10NormW);
        Check("normW", c.NormW, "‖W‖", log10NormW);
        Check("primalObjective", c.PrimalObjective, "½‖W‖²", 2 * log10NormW - Math.Log10(2));
        Check("dualObjective", c.DualObjective, "the dual objective (= ½‖W‖² at the optimum)", 2 * log10NormW - Math.Log10(2));
        return result;
    }
}
