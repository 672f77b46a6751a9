using System.Diagnostics;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The command line: <c>[--api-dir DIR] [--api] [--compile] [--write-stubs DIR] [--rules] [project-dir-or-file...]</c>.
/// Both checks run unless <c>--api</c> or <c>--compile</c> picks one. Exit code 0 when clean, 1 when
/// there are violations or compile errors, 2 when a check could not run.
/// </summary>
public static class NanoApiCheckCommand
{
    public const int Clean = 0;
    public const int ViolationsFound = 1;
    public const int CouldNotRun = 2;

    private const string ApiOption = "--api";
    private const string CompileOption = "--compile";
    private const string WriteStubsOption = "--write-stubs";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? apiDirectory = null;
        string? stubDirectory = null;
        bool api = false, compile = false;
        var targets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case NanoApiListingLocator.OptionName when i + 1 < args.Count:
                    apiDirectory = args[++i];
                    break;
                case WriteStubsOption when i + 1 < args.Count:
                    stubDirectory = args[++i];
                    break;
                case ApiOption:
                    api = true;
                    break;
                case CompileOption:
                    compile = true;
                    break;
                case "--rules":
                    foreach (var rule in NanoRules.Summaries)
                    {
                        output.WriteLine($"{rule.Key}  {rule.Value}");
                    }

                    return Clean;
                case "-h" or "--help":
                    WriteUsage(output);
                    return Clean;
                case var option when option.StartsWith('-'):
                    error.WriteLine($"error: unknown or incomplete option '{option}'; see --help");
                    return CouldNotRun;
                default:
                    targets.Add(args[i]);
                    break;
            }
        }

        var checks = api || compile ? (Api: api, Compile: compile) : (Api: true, Compile: true);
        try
        {
            return Check(apiDirectory, stubDirectory, targets, checks, output, error);
        }
        catch (Exception e) when (e is NanoApiListingNotFoundException or NanoReferenceAssemblyException or IOException)
        {
            error.WriteLine("error: " + e.Message);
            return CouldNotRun;
        }
    }

    private static int Check(
        string? apiDirectory, string? stubDirectory, List<string> targets, (bool Api, bool Compile) checks, TextWriter output, TextWriter error)
    {
        var listingDirectory = NanoApiListingLocator.LocateForCommandLine(apiDirectory);
        string? root = null;
        if (targets.Count == 0)
        {
            root = FirmwareSourceFiles.FindRepositoryRoot(Environment.CurrentDirectory)
                ?? FirmwareSourceFiles.FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new DirectoryNotFoundException(
                    $"No targets given and no {FirmwareSourceFiles.SolutionFileName} found above the current directory to find the default projects.");
        }

        var summaries = new List<string>();
        var counts = new List<string>();
        var problems = 0;
        if (checks.Api)
        {
            var stopwatch = Stopwatch.StartNew();
            var listing = NanoApiListing.Load(listingDirectory);
            var files = FirmwareSourceFiles.Expand(root is null ? targets : FirmwareSourceFiles.DefaultTargets(root));
            var violations = new NanoApiChecker(listing).CheckFiles(files);
            Print(violations, output);
            problems += violations.Count;
            counts.Add($"{violations.Count} nanoFramework API violations");
            summaries.Add($"{files.Count} files checked against {listing.Count} nanoFramework 1.17 APIs in {stopwatch.ElapsedMilliseconds} ms");
        }

        if (checks.Compile)
        {
            var stopwatch = Stopwatch.StartNew();
            var nano = NanoReferenceAssemblyBuilder.Build(listingDirectory);
            WriteStubs(nano, stubDirectory);
            foreach (var skipped in nano.SkippedRows)
            {
                error.WriteLine($"warning: listing row left out of the nano reference assemblies: {skipped}");
            }

            var projects = root is null
                ? [new FirmwareProject(NanoCompileCheck.LooseSourcesName, FirmwareSourceFiles.Expand(targets), IsApplication: false)]
                : FirmwareProject.Defaults(root);
            var errors = new NanoCompileCheck(nano).CompileProjects(projects);
            Print(errors, output);
            problems += errors.Count;
            counts.Add($"{errors.Count} compile errors");
            summaries.Add(
                $"{projects.Sum(project => project.Files.Count)} files in {string.Join(", ", projects.Select(project => project.Name))} " +
                $"compiled against {nano.Assemblies.Count} nanoFramework reference assemblies " +
                $"({nano.Origin} in {nano.Elapsed.TotalMilliseconds:0} ms) in {stopwatch.ElapsedMilliseconds} ms");
        }

        var summary = string.Join("; ", summaries);
        if (problems > 0)
        {
            output.WriteLine($"{string.Join(" and ", counts)}; {summary}.");
            return ViolationsFound;
        }

        output.WriteLine($"No nanoFramework API violations; {summary}.");
        return Clean;
    }

    private static void Print(IEnumerable<NanoApiViolation> problems, TextWriter output)
    {
        foreach (var problem in problems)
        {
            output.WriteLine(problem with { File = DisplayPath(problem.File) });
        }
    }

    private static void WriteStubs(NanoReferenceAssemblies nano, string? directory)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        foreach (var assembly in nano.Assemblies)
        {
            File.WriteAllText(Path.Combine(directory, assembly.Name + ".g.cs"), assembly.GeneratedSource);
        }
    }

    private static void WriteUsage(TextWriter output)
    {
        output.WriteLine($"usage: SpeakerHub.NanoApiCheck [{NanoApiListingLocator.OptionName} DIR] [{ApiOption}] [{CompileOption}] [{WriteStubsOption} DIR] [--rules] [project-dir-or-file...]");
        output.WriteLine($"  {ApiOption}          only check every API used against the listing (compiled against host .NET)");
        output.WriteLine($"  {CompileOption}      only compile against nanoFramework reference assemblies generated from the listing");
        output.WriteLine($"  {WriteStubsOption} DIR  also write the generated C# stubs there");
        output.WriteLine($"Without targets it checks {string.Join(" and ", FirmwareSourceFiles.DefaultProjects)} of the repository,");
        output.WriteLine($"and compiles {FirmwareProject.ApplicationProject} too when it exists.");
    }

    // Short paths for files under the current directory; full paths for the rest.
    private static string DisplayPath(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
