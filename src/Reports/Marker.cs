namespace Collapse.Reports; internal static class Marker { }
