using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Generated assemblies on disk under the tool's own output directory, in a folder named after a
/// hash of the listing files and of the generator's build: a changed listing or generator never
/// reads a stale copy. Only a generation that skipped no row is kept, so the cache cannot hide one.
/// Failing to read or write the cache is never an error; the assemblies are generated instead.
/// </summary>
internal sealed class NanoReferenceAssemblyCache
{
    public const string GeneratedOrigin = "generated from the listing";
    public const string CachedOrigin = "read from the cache";

    private const string ManifestName = "manifest.tsv";
    private const string CacheFolder = "nano-references";

    private readonly string _directory;

    public NanoReferenceAssemblyCache(string listingDirectory)
    {
        Key = ComputeKey(listingDirectory);
        _directory = Path.Combine(AppContext.BaseDirectory, CacheFolder, Key);
    }

    public string Key { get; }

    public NanoReferenceAssemblies? TryRead()
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var lines = File.ReadAllLines(Path.Combine(_directory, ManifestName));
            var rowCount = int.Parse(lines[0], CultureInfo.InvariantCulture);
            var assemblies = lines.Skip(1).Select(line =>
            {
                var columns = line.Split('\t');
                return new NanoReferenceAssembly(
                    columns[0],
                    ImmutableArray.Create(File.ReadAllBytes(Path.Combine(_directory, columns[0] + ".dll"))),
                    File.ReadAllText(Path.Combine(_directory, columns[0] + ".g.cs")),
                    columns[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }).ToList();
            return new NanoReferenceAssemblies(assemblies, [], rowCount, stopwatch.Elapsed, CachedOrigin);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public void TryWrite(NanoReferenceAssemblies generated)
    {
        if (generated.SkippedRows.Count > 0)
        {
            return;
        }

        // Written beside the final folder and moved into place, so a reader never sees half of it.
        var staging = _directory + "." + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var assembly in generated.Assemblies)
            {
                File.WriteAllBytes(Path.Combine(staging, assembly.Name + ".dll"), [.. assembly.Image]);
                File.WriteAllText(Path.Combine(staging, assembly.Name + ".g.cs"), assembly.GeneratedSource);
            }

            var manifest = generated.Assemblies
                .Select(assembly => assembly.Name + "\t" + string.Join(",", assembly.Dependencies))
                .Prepend(generated.RowCount.ToString(CultureInfo.InvariantCulture));
            File.WriteAllLines(Path.Combine(staging, ManifestName), manifest);
            Directory.Move(staging, _directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run may have moved its copy into place first; either copy is the same.
            TryDelete(staging);
            return;
        }

        // Copies from earlier listings or generator builds can never be read again.
        foreach (var stale in Directory.EnumerateDirectories(Path.GetDirectoryName(_directory)!).Where(path => path != _directory))
        {
            TryDelete(stale);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftover staging folders are harmless.
        }
    }

    private static string ComputeKey(string listingDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(NanoReferenceAssemblyCache).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        foreach (var file in Directory.GetFiles(listingDirectory, "*.api.tsv").Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
