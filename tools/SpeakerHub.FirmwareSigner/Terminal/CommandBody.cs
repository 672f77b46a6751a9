using System.CommandLine;

namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>
/// Runs a subcommand's body and turns the operator's mistakes and file-system failures into one-line
/// messages with an exit code; anything else is a bug and keeps its stack trace.
/// </summary>
public static class CommandBody
{
    public static void SetBody(this Command command, Func<CommandContext, int> body) => command.SetAction(parsed =>
    {
        CommandContext context = new(parsed, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        try
        {
            return body(context);
        }
        catch (SignerException problem)
        {
            context.Error.WriteLine($"error: {problem.Message}");
            return problem.ExitCode;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {failure.Message}");
            return ExitCodes.Invalid;
        }
    });
}
