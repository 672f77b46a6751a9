namespace SpeakerHub.Simulator.Terminal;

/// <summary>
/// Finds the admin key the way the cloud host hands it out: an explicit option wins, then the
/// environment, then the key file the host writes under <c>.data/</c> of the directory it runs in.
/// </summary>
public static class AdminKeySource
{
    public const string EnvironmentVariable = "SPEAKERHUB_ADMIN_KEY";
    public static readonly string KeyFile = Path.Combine(".data", "admin.key");

    public static string? Resolve(string? option, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option.Trim();
        }

        string? environment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(environment))
        {
            return environment.Trim();
        }

        string file = Path.Combine(currentDirectory, KeyFile);
        return File.Exists(file) ? NullIfEmpty(File.ReadAllText(file).Trim()) : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
