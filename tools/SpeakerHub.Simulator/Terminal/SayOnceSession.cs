using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.Simulator.Terminal;

/// <summary><c>--say</c>: every device says the text once; success only if every one got a reply in time.</summary>
public static class SayOnceSession
{
    public static async Task<int> RunAsync(SimulatedFleet fleet, string text, TimeSpan timeout, FleetConsole console, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool[] replied = await Task.WhenAll(fleet.Devices.Select((_, index) => SayAsync(fleet, index, text, console, deadline.Token)));
        cancellationToken.ThrowIfCancellationRequested();
        int missing = replied.Count(ok => !ok);
        if (missing > 0)
        {
            console.WriteLine($"{missing} of {fleet.Devices.Count} devices got no reply within {timeout.TotalSeconds:0} s.");
            return ExitCodes.NoReply;
        }

        return ExitCodes.Success;
    }

    private static async Task<bool> SayAsync(SimulatedFleet fleet, int index, string text, FleetConsole console, CancellationToken deadline)
    {
        DeviceRunner device = fleet.Devices[index];
        try
        {
            await device.WaitUntilOnlineAsync(deadline);
            await device.SayAsync(text, deadline);
            return true;
        }
        catch (InteractionFailedException failure)
        {
            console.WriteLine($"{FleetConsole.Prefix(fleet, index)} {failure.Message}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            string stage = device.State == Firmware.Core.DeviceState.Thinking ? "no reply yet" : $"still {device.State}";
            console.WriteLine($"{FleetConsole.Prefix(fleet, index)} timed out: {stage}");
        }

        return false;
    }
}
