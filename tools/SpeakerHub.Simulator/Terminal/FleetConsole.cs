using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;

namespace SpeakerHub.Simulator.Terminal;

/// <summary>Prints what each device does, one line per event, prefixed so lines from N devices can be told apart.</summary>
public sealed class FleetConsole(TextWriter output)
{
    /// <summary>"[2:abc]": the slot typed on the command line, then the id the cloud knows.</summary>
    public static string Prefix(SimulatedFleet fleet, int index) => $"[{index + 1}:{fleet.Devices[index].DeviceId}]";

    public void Attach(SimulatedFleet fleet, bool showStates)
    {
        for (int i = 0; i < fleet.Devices.Count; i++)
        {
            DeviceRunner device = fleet.Devices[i];
            string prefix = Prefix(fleet, i);
            if (showStates)
            {
                device.StateChanged += (_, change) => WriteLine($"{prefix} {change.Current}");
            }

            // Both events fire on the device's loop, the reply just before it is spoken: print it once.
            string? replyBeingSpoken = null;
            device.ReplyReceived += (_, reply) =>
            {
                replyBeingSpoken = reply.Text;
                WriteLine($"{prefix} reply: {reply.Text}");
            };
            device.Speaker.Spoken += (_, spoken) =>
            {
                if (spoken.Text != replyBeingSpoken)
                {
                    WriteLine($"{prefix} says: {spoken.Text}");
                }

                replyBeingSpoken = null;
            };
        }
    }

    public void WriteLine(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
        }
    }
}
