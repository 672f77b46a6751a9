namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Finds the listing directory. It sits beside the repository rather than in it (X/main is the
/// repository, X/shared/nanoframework-api the listing), so it is searched for in every parent.
/// </summary>
public static class NanoApiListingLocator
{
    public const string EnvironmentVariable = "SPEAKERHUB_NANO_API_DIR";
    public const string OptionName = "--api-dir";

    private static readonly string RelativeLocation = Path.Combine("shared", "nanoframework-api");

    /// <summary>
    /// Returns <paramref name="overrideDirectory"/> when given (it must hold the listing), otherwise the
    /// first <c>shared/nanoframework-api</c> holding <c>*.api.tsv</c> files in a parent of a start directory.
    /// </summary>
    public static string Locate(string? overrideDirectory, params string[] searchStarts)
    {
        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            var full = Path.GetFullPath(overrideDirectory);
            if (HoldsListing(full))
            {
                return full;
            }

            throw new NanoApiListingNotFoundException(
                $"The nanoFramework API listing directory '{full}' (given by {OptionName} or {EnvironmentVariable}) " +
                "does not exist or holds no *.api.tsv files.");
        }

        foreach (var start in searchStarts)
        {
            for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativeLocation);
                if (HoldsListing(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new NanoApiListingNotFoundException(
            $"Could not find the nanoFramework 1.17 API listing ({RelativeLocation}{Path.DirectorySeparatorChar}*.api.tsv) " +
            $"in any parent of {string.Join(" or ", searchStarts.Select(s => $"'{Path.GetFullPath(s)}'"))}. " +
            $"Pass {OptionName} <directory> or set {EnvironmentVariable}.");
    }

    /// <summary>The command-line default: the option, then the environment variable, then a search.</summary>
    public static string LocateForCommandLine(string? optionValue) =>
        Locate(
            optionValue ?? Environment.GetEnvironmentVariable(EnvironmentVariable),
            Environment.CurrentDirectory,
            AppContext.BaseDirectory);

    private static bool HoldsListing(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.api.tsv").Any();
}
