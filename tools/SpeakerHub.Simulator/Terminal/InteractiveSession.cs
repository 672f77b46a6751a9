using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.Simulator.Terminal;

/// <summary>
/// Reads commands from standard input: <c>&lt;n&gt; &lt;text&gt;</c> says text as device n, <c>all &lt;text&gt;</c>
/// as every device, <c>&lt;n&gt; @file.wav</c> holds push-to-talk on device n and plays the clip into its
/// microphone, <c>quit</c> stops. When input ends (not a terminal, or EOF) the fleet keeps
/// running until Ctrl+C, so the simulator also works as a background process.
/// </summary>
public sealed class InteractiveSession(SimulatedFleet fleet, TextReader input, FleetConsole console)
{
    public const string Usage = "Type '<n> <text>' to speak as device n, 'all <text>' for every device, '<n> @file.wav' to talk into its microphone, 'quit' to stop.";

    private const char ClipPrefix = '@';

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        console.WriteLine(Usage);
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line;
            try
            {
                // WaitAsync: a console read does not observe the token, Ctrl+C must still end the session.
                line = await input.ReadLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (line is null)
            {
                await WaitForCancellationAsync(cancellationToken);
                break;
            }

            if (!Handle(line.Trim(), cancellationToken))
            {
                break;
            }
        }

        return ExitCodes.Success;
    }

    private static async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Returns false when the user asked to stop.</summary>
    private bool Handle(string line, CancellationToken cancellationToken)
    {
        if (line.Length == 0)
        {
            return true;
        }

        if (line is "quit" or "exit")
        {
            return false;
        }

        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string target = space < 0 ? line : line[..space];
        string text = space < 0 ? string.Empty : line[(space + 1)..].Trim();
        if (text.Length == 0)
        {
            console.WriteLine(Usage);
        }
        else if (target == "all")
        {
            for (int i = 0; i < fleet.Devices.Count; i++)
            {
                Say(i, text, cancellationToken);
            }
        }
        else if (int.TryParse(target, out int slot) && slot >= 1 && slot <= fleet.Devices.Count)
        {
            Say(slot - 1, text, cancellationToken);
        }
        else
        {
            console.WriteLine($"No device '{target}': use 1..{fleet.Devices.Count} or 'all'.");
        }

        return true;
    }

    /// <summary>Fire and forget: the reply is printed by <see cref="FleetConsole"/>, a failure here.</summary>
    private void Say(int index, string text, CancellationToken cancellationToken)
    {
        string prefix = FleetConsole.Prefix(fleet, index);
        _ = text[0] == ClipPrefix
            ? SpeakClipAsync(fleet.Devices[index], prefix, text[1..].Trim(), cancellationToken)
            : SayWhenOnlineAsync(fleet.Devices[index], prefix, text, cancellationToken);
    }

    private async Task SpeakClipAsync(DeviceRunner device, string prefix, string path, CancellationToken cancellationToken)
    {
        try
        {
            await device.WaitUntilOnlineAsync(cancellationToken);
            await device.SpeakAsync(path, cancellationToken);
            console.WriteLine($"{prefix} heard {Path.GetFileName(path)}");
        }
        catch (Exception failure) when (failure is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            console.WriteLine($"{prefix} {failure.Message}");
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A line typed while a device is still connecting waits for it instead of failing.</summary>
    private async Task SayWhenOnlineAsync(DeviceRunner device, string prefix, string text, CancellationToken cancellationToken)
    {
        try
        {
            await device.WaitUntilOnlineAsync(cancellationToken);
            await device.SayAsync(text, cancellationToken);
        }
        catch (InteractionFailedException failure)
        {
            console.WriteLine($"{prefix} {failure.Message}");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
