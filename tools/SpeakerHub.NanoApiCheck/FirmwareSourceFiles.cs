namespace SpeakerHub.NanoApiCheck;

/// <summary>Turns command-line targets (project directories or .cs files) into the files to check.</summary>
public static class FirmwareSourceFiles
{
    public const string SolutionFileName = "SpeakerHub.sln";

    /// <summary>The projects that must stay nano-safe, relative to the repository root.</summary>
    public static IReadOnlyList<string> DefaultProjects { get; } =
    [
        Path.Combine("shared", "SpeakerHub.Protocol"),
        Path.Combine("firmware", "SpeakerHub.Firmware.Core"),
    ];

    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public static IReadOnlyList<string> DefaultTargets(string repositoryRoot) =>
        DefaultProjects.Select(project => Path.Combine(repositoryRoot, project)).ToList();

    /// <summary>
    /// Every *.cs file under each directory target (build output in bin/obj excluded) plus each file
    /// target, in a stable order.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> targets)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var full = Path.GetFullPath(target);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*.cs", SearchOption.AllDirectories))
                {
                    if (!IsBuildOutput(Path.GetRelativePath(full, file)))
                    {
                        files.Add(file);
                    }
                }
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                throw new FileNotFoundException($"'{target}' is neither a directory nor a file.", full);
            }
        }

        return files.ToList();
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(segment => segment is "bin" or "obj");
}
