using System.CommandLine;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.FirmwareSigner.SimulatedImages;

/// <summary>
/// <c>simulated-image</c>: an app image the host simulator can boot (<see cref="SimulatedAppImage"/>), so OTA
/// can be rehearsed end to end, including a build that never turns healthy and must be rolled back.
/// </summary>
public static class SimulatedImageCommand
{
    public static Command Create()
    {
        Option<string> version = new("--version") { Description = "Version the simulated app reports, major.minor.patch.", Required = true };
        Option<int> size = new("--size") { Description = "Image size in bytes.", DefaultValueFactory = _ => SimulatedAppImage.DefaultSize };
        Option<bool> neverHealthy = new("--never-healthy") { Description = "The app never confirms its health, so devices roll it back." };
        Option<string> output = new("--out") { Description = "Image file to write; replaced if it exists.", Required = true };

        Command command = new("simulated-image", "Writes an app image for the host simulator.") { version, size, neverHealthy, output };
        command.SetBody(context =>
        {
            string text = context.Parsed.GetValue(version)!;
            int bytes = context.Parsed.GetValue(size);
            bool never = context.Parsed.GetValue(neverHealthy);
            if (!FirmwareVersion.IsValid(text))
            {
                throw new SignerException($"the version \"{text}\" is not major.minor.patch, each a number 0–99999 without leading zeros, e.g. 1.4.2");
            }

            int header = SimulatedAppImage.HeaderLength(text, never);
            if (bytes < header)
            {
                throw new SignerException($"--size {bytes} is too small: the header of this image alone takes {header} bytes");
            }

            string path = context.Parsed.GetValue(output)!;
            using (StagedFile staged = StagedFile.Write(path, SimulatedAppImage.Create(text, bytes, never)))
            {
                staged.Commit(overwrite: true);
            }

            context.Output.WriteLine($"wrote {Path.GetFullPath(path)}: simulated app {text}, health {(never ? "never" : "ok")}, {bytes:N0} bytes");
            return ExitCodes.Success;
        });
        return command;
    }
}
