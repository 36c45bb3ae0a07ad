namespace Collapse.Theory;
/// <summary>Version information of the Theory library.</summary>
public static class TheoryInfo
{ /// <summary>Library version.</summary>
    public static string Version => typeof(TheoryInfo).Assembly.GetName().Version?.ToString() ?? "0";
}
