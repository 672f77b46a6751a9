using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Generates a C# stub for every row of the nanoFramework API listing and compiles the stubs into
/// reference assemblies: mscorlib first with no standard library at all, then every other assembly
/// against mscorlib and the assemblies it needs. A row whose stub does not compile is left out and
/// reported, never hidden; anything else that fails stops the build.
/// </summary>
public static class NanoReferenceAssemblyBuilder
{
    // Each round drops the rows whose stubs failed; a failure cascades a step or two at most, so
    // needing more rounds than this means the generator, not the listing, is wrong.
    private const int MaxRounds = 4;

    private static readonly EmitOptions MetadataOnly = new(metadataOnly: true);

    private static readonly ConcurrentDictionary<string, Lazy<NanoReferenceAssemblies>> BuiltInThisProcess = new(StringComparer.Ordinal);

    /// <summary>
    /// The assemblies for the listing in <paramref name="listingDirectory"/>: built once per process and
    /// kept on disk next to the tool (keyed by the listing's content and the generator's build), so a
    /// repeated run only reads them.
    /// </summary>
    public static NanoReferenceAssemblies Build(string listingDirectory)
    {
        var cache = new NanoReferenceAssemblyCache(listingDirectory);
        return BuiltInThisProcess.GetOrAdd(cache.Key, _ => new Lazy<NanoReferenceAssemblies>(() =>
            cache.TryRead() ?? GenerateAndKeep(listingDirectory, cache))).Value;
    }

    /// <summary>Generates and compiles the stubs now, whatever is cached, and keeps the result for <see cref="Build"/>.</summary>
    public static NanoReferenceAssemblies Generate(string listingDirectory)
    {
        var cache = new NanoReferenceAssemblyCache(listingDirectory);
        var generated = GenerateAndKeep(listingDirectory, cache);
        BuiltInThisProcess[cache.Key] = new Lazy<NanoReferenceAssemblies>(generated);
        return generated;
    }

    private static NanoReferenceAssemblies GenerateAndKeep(string listingDirectory, NanoReferenceAssemblyCache cache)
    {
        var generated = GenerateUncached(listingDirectory);
        cache.TryWrite(generated);
        return generated;
    }

    private static NanoReferenceAssemblies GenerateUncached(string listingDirectory)
    {
        var stopwatch = Stopwatch.StartNew();
        var rowsByAssembly = ListedApiRow.ReadByAssembly(listingDirectory);
        var dependencies = new StubAssemblyDependencies(rowsByAssembly);
        var built = new Dictionary<string, NanoReferenceAssembly>(StringComparer.Ordinal);
        var skipped = new List<SkippedApiRow>();
        foreach (var name in dependencies.BuildOrder)
        {
            var needs = dependencies.TransitiveOf(name);
            var references = needs.Select(dependency => built[dependency].Reference).ToList();
            built[name] = BuildAssembly(name, rowsByAssembly[name], references, needs, skipped);
        }

        return new NanoReferenceAssemblies(
            dependencies.BuildOrder.Select(name => built[name]).ToList(),
            skipped.OrderBy(row => row.Row.FileName, StringComparer.Ordinal).ThenBy(row => row.Row.Line).ToList(),
            rowsByAssembly.Values.Sum(rows => rows.Count),
            stopwatch.Elapsed,
            NanoReferenceAssemblyCache.GeneratedOrigin);
    }

    private static NanoReferenceAssembly BuildAssembly(
        string name,
        IReadOnlyList<ListedApiRow> rows,
        List<MetadataReference> references,
        IReadOnlyList<string> needs,
        List<SkippedApiRow> skipped)
    {
        var rowsByLine = rows.ToDictionary(row => (row.FileName, row.Line));
        var failedRows = new Dictionary<ListedApiRow, string>();
        for (var round = 1; round <= MaxRounds; round++)
        {
            var parseSkipped = new List<SkippedApiRow>();
            var source = StubAssemblySource.Build(name, rows, failedRows.Keys.ToHashSet(), parseSkipped);
            StubAdditions.AddTo(source);
            var compilation = Compile(name, source, references);
            if (ExplicitInterfaceStubs.AddMissing(source, compilation) > 0)
            {
                compilation = Compile(name, source, references);
            }

            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                skipped.AddRange(parseSkipped);
                skipped.AddRange(failedRows.Select(failed => new SkippedApiRow(failed.Key, failed.Value)));
                var generated = compilation.SyntaxTrees.First().ToString();
                return new NanoReferenceAssembly(name, Emit(compilation), generated, needs);
            }

            var unexplained = new List<Diagnostic>();
            foreach (var error in errors)
            {
                var span = error.Location.GetMappedLineSpan();
                if (span.HasMappedPath && rowsByLine.TryGetValue((span.Path, span.StartLinePosition.Line + 1), out var row))
                {
                    failedRows.TryAdd(row, $"its stub does not compile: {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}");
                }
                else
                {
                    unexplained.Add(error);
                }
            }

            if (unexplained.Count > 0)
            {
                throw new NanoReferenceAssemblyException(
                    $"The generated {name} stubs do not compile for reasons no listing row explains:\n" +
                    string.Join("\n", unexplained.Take(20).Select(Describe)));
            }
        }

        throw new NanoReferenceAssemblyException(
            $"The generated {name} stubs still do not compile after leaving out {failedRows.Count} rows in {MaxRounds} rounds.");
    }

    private static CSharpCompilation Compile(string name, StubAssemblySource source, List<MetadataReference> references)
    {
        // mscorlib has no references at all: its own System.Object makes it the core library.
        var tree = Parse(source.Write(), name + ".g.cs");
        return CSharpCompilation.Create(name, [tree], references, StubCompilationSettings.Library);
    }

    private static SyntaxTree Parse(string text, string path)
    {
        var tree = CSharpSyntaxTree.ParseText(text, StubCompilationSettings.ParseOptions, path);
        return tree.WithRootAndOptions(GlobalQualifiedNames.Apply(tree.GetRoot()), tree.Options);
    }

    private static ImmutableArray<byte> Emit(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image, options: MetadataOnly);
        if (!result.Success)
        {
            throw new NanoReferenceAssemblyException(
                $"The generated {compilation.AssemblyName} stubs compile but do not emit:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(Describe)));
        }

        return ImmutableArray.Create(image.ToArray());
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " +
            $"{diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
