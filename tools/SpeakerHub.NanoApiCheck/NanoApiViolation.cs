namespace SpeakerHub.NanoApiCheck;

/// <summary>One place where firmware code steps outside what nanoFramework 1.17 can compile or run.</summary>
/// <param name="File">Path of the source file as it was given to the checker.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Rule">Rule id, one of <see cref="NanoRules"/>.</param>
/// <param name="Message">What is wrong and, where it helps, what to write instead.</param>
public sealed record NanoApiViolation(string File, int Line, int Column, string Rule, string Message)
{
    /// <summary>MSBuild-style text so editors and CI logs turn it into a link.</summary>
    public override string ToString() => $"{File}({Line},{Column}): {Rule}: {Message}";
}
