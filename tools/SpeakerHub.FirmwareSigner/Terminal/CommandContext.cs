using System.CommandLine;

namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>What a subcommand's action sees: its parse result and the writers to print to.</summary>
public sealed record CommandContext(ParseResult Parsed, TextWriter Output, TextWriter Error)
{
    /// <summary>Whether <see cref="Error"/> is a terminal a progress bar can redraw in place.</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
