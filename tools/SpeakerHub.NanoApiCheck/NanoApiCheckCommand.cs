using System.Diagnostics;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The command line: <c>[--api-dir DIR] [--rules] [project-dir-or-file...]</c>. Exit code 0 when
/// clean, 1 when there are violations, 2 when the check could not run.
/// </summary>
public static class NanoApiCheckCommand
{
    public const int Clean = 0;
    public const int ViolationsFound = 1;
    public const int CouldNotRun = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? apiDirectory = null;
        var targets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case NanoApiListingLocator.OptionName when i + 1 < args.Count:
                    apiDirectory = args[++i];
                    break;
                case "--rules":
                    foreach (var rule in NanoRules.Summaries)
                    {
                        output.WriteLine($"{rule.Key}  {rule.Value}");
                    }

                    return Clean;
                case "-h" or "--help":
                    output.WriteLine($"usage: SpeakerHub.NanoApiCheck [{NanoApiListingLocator.OptionName} DIR] [--rules] [project-dir-or-file...]");
                    output.WriteLine($"Without targets it checks {string.Join(" and ", FirmwareSourceFiles.DefaultProjects)} of the repository.");
                    return Clean;
                case var option when option.StartsWith('-'):
                    error.WriteLine($"error: unknown or incomplete option '{option}'; see --help");
                    return CouldNotRun;
                default:
                    targets.Add(args[i]);
                    break;
            }
        }

        try
        {
            return Check(apiDirectory, targets, output);
        }
        catch (Exception e) when (e is NanoApiListingNotFoundException or IOException)
        {
            error.WriteLine("error: " + e.Message);
            return CouldNotRun;
        }
    }

    private static int Check(string? apiDirectory, List<string> targets, TextWriter output)
    {
        var stopwatch = Stopwatch.StartNew();
        var listing = NanoApiListing.Load(NanoApiListingLocator.LocateForCommandLine(apiDirectory));
        if (targets.Count == 0)
        {
            var root = FirmwareSourceFiles.FindRepositoryRoot(Environment.CurrentDirectory)
                ?? FirmwareSourceFiles.FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new DirectoryNotFoundException(
                    $"No targets given and no {FirmwareSourceFiles.SolutionFileName} found above the current directory to find the default projects.");
            targets.AddRange(FirmwareSourceFiles.DefaultTargets(root));
        }

        var files = FirmwareSourceFiles.Expand(targets);
        var violations = new NanoApiChecker(listing).CheckFiles(files);
        foreach (var violation in violations)
        {
            output.WriteLine(violation with { File = DisplayPath(violation.File) });
        }

        var summary = $"{files.Count} files checked against {listing.Count} nanoFramework 1.17 APIs in {stopwatch.ElapsedMilliseconds} ms";
        if (violations.Count > 0)
        {
            output.WriteLine($"{violations.Count} nanoFramework API violations; {summary}.");
            return ViolationsFound;
        }

        output.WriteLine($"No nanoFramework API violations; {summary}.");
        return Clean;
    }

    // Short paths for files under the current directory; full paths for the rest.
    private static string DisplayPath(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
