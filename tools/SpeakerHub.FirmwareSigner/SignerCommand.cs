using System.CommandLine;
using SpeakerHub.FirmwareSigner.Bundling;
using SpeakerHub.FirmwareSigner.Checking;
using SpeakerHub.FirmwareSigner.Keys;
using SpeakerHub.FirmwareSigner.SimulatedImages;
using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.FirmwareSigner;

/// <summary>
/// The command line: one subcommand per operator task. <see cref="Run"/> is the whole program with its
/// writers passed in, so tests drive the real commands in-process and read what an operator would see.
/// </summary>
public static class SignerCommand
{
    public static RootCommand Create() => new("Signs SpeakerHub firmware for over-the-air updates and checks signed bundles.")
    {
        KeygenCommand.Create(),
        BundleCommand.Create(),
        VerifyCommand.Create(),
        InspectCommand.Create(),
        SimulatedImageCommand.Create(),
    };

    /// <summary>Parses and runs; usage mistakes are one line each on <paramref name="error"/> and exit code 2.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ParseResult parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError problem in parsed.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
