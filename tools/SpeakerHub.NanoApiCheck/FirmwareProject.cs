using System.Text.RegularExpressions;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// One firmware assembly to compile for nano: its name, its sources and whether it is the
/// application (an exe with <c>Main</c>) or a library.
/// </summary>
public sealed partial record FirmwareProject(string Name, IReadOnlyList<string> Files, bool IsApplication)
{
    /// <summary>The nanoFramework app; it is compiled when it exists, after the portable projects.</summary>
    public static string ApplicationProject { get; } = Path.Combine("firmware", "SpeakerHub.Firmware");

    /// <summary>Protocol, then Firmware.Core, then the app if it is there: each references those before it.</summary>
    public static IReadOnlyList<FirmwareProject> Defaults(string repositoryRoot)
    {
        var directories = FirmwareSourceFiles.DefaultProjects.Append(ApplicationProject)
            .Select(project => Path.Combine(repositoryRoot, project))
            .Where(Directory.Exists);
        return directories.Select(FromDirectory).Where(project => project.Files.Count > 0).ToList();
    }

    public static FirmwareProject FromDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        return new FirmwareProject(
            Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)),
            FirmwareSourceFiles.Expand([full]),
            DeclaresExecutable(full));
    }

    // .nfproj and .csproj both say <OutputType>Exe</OutputType> for an app with Main.
    private static bool DeclaresExecutable(string directory) =>
        Directory.EnumerateFiles(directory, "*.*proj")
            .Any(projectFile => ExecutableOutputType().IsMatch(File.ReadAllText(projectFile)));

    [GeneratedRegex(@"<OutputType>\s*(Win)?Exe\s*</OutputType>", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutableOutputType();
}
