namespace Collapse.DeepValidation; internal static class Marker { }
