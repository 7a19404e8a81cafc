namespace Lianxin.Core;

internal static class AssemblyMarker;
