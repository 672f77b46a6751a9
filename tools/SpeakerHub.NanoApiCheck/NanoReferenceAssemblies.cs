using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>Compiled stand-ins for the nanoFramework 1.17 assemblies, generated from the API listing.</summary>
public sealed class NanoReferenceAssemblies
{
    internal NanoReferenceAssemblies(
        IReadOnlyList<NanoReferenceAssembly> assemblies, IReadOnlyList<SkippedApiRow> skippedRows, int rowCount, TimeSpan elapsed, string origin)
    {
        Origin = origin;
        Assemblies = assemblies;
        SkippedRows = skippedRows;
        RowCount = rowCount;
        Elapsed = elapsed;
    }

    /// <summary>In build order: each after the assemblies it references.</summary>
    public IReadOnlyList<NanoReferenceAssembly> Assemblies { get; }

    public IReadOnlyList<MetadataReference> References => Assemblies.Select(assembly => assembly.Reference).ToList();

    /// <summary>Rows that are not in the stubs, each with the reason.</summary>
    public IReadOnlyList<SkippedApiRow> SkippedRows { get; }

    /// <summary>How many listing rows were read.</summary>
    public int RowCount { get; }

    /// <summary>How long generating (or reading them from the cache) took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>"generated from the listing" or "read from the cache", for the command's summary.</summary>
    public string Origin { get; }
}

/// <summary>One generated assembly: its image, the C# it was compiled from and what it references.</summary>
public sealed record NanoReferenceAssembly(
    string Name, ImmutableArray<byte> Image, string GeneratedSource, IReadOnlyList<string> Dependencies)
{
    public MetadataReference Reference { get; } = MetadataReference.CreateFromImage(Image, filePath: Name + ".dll");
}
