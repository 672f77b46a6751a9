namespace SpeakerHub.NanoApiCheck;

/// <summary>One C# source to check; <see cref="Path"/> is only used to name it in violations.</summary>
public sealed record NanoSourceFile(string Path, string Text)
{
    public static NanoSourceFile Read(string path) => new(path, File.ReadAllText(path));
}
