using System.Collections.Immutable;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The .NET shared-framework assemblies the checker compiles against so the semantic model can resolve
/// symbols. Only the framework directory is used: the trusted platform list of a test host also holds
/// the firmware assemblies themselves, whose types would then clash with the sources being checked.
/// </summary>
internal static class HostFrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Cached = new(Load);

    public static ImmutableArray<MetadataReference> All => Cached.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("The .NET framework directory is unknown (single-file host?).");

        var paths = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted
            ? trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            : Directory.EnumerateFiles(frameworkDirectory, "*.dll").Where(HasMetadata);

        return [.. paths.Order(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static bool HasMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.HasMetadata;
    }
}
