using System.Reflection;

namespace Lianxin.Core.Organization;

/// <summary>
/// The default category tree (DefaultCategories.txt, embedded): one leaf path per line, levels joined by
/// " / ", built from category names of two public hotline taxonomies (see the README's licence note).
/// </summary>
public static class DefaultCategories
{
    public static IReadOnlyList<string> Paths()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lianxin.Core.Organization.DefaultCategories.txt")
            ?? throw new InvalidOperationException("DefaultCategories.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }
}
