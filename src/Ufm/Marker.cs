namespace Collapse.Ufm; internal static class Marker { }
