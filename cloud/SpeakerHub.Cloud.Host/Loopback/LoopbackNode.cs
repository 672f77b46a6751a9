using System.Globalization;

namespace SpeakerHub.Cloud.Host.Loopback;

/// <summary>
/// Free loopback ports for one cloud node and the settings that put it there: how the end-to-end
/// tests and the load generator run the real host beside themselves without clashing with a
/// <c>./hub.sh run</c> on the default ports. The ports stay the same for the life of this object,
/// so a node can be stopped and started again where devices expect it.
/// </summary>
public sealed class LoopbackNode
{
    public const string Address = "127.0.0.1";

    private readonly int[] _ports = LoopbackPorts.Free(4);

    public Uri ApiAddress => new($"http://{Address}:{_ports[0]}/");

    public int MqttPort => _ports[1];

    /// <summary>Configuration for <see cref="SpeakerHubHost.CreateBuilder"/>; add or override entries as needed.</summary>
    public Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["Api:Urls"] = ApiAddress.AbsoluteUri.TrimEnd('/'),
        ["Mqtt:Host"] = Address,
        ["Mqtt:Port"] = Invariant(MqttPort),
        ["Orleans:SiloPort"] = Invariant(_ports[2]),
        ["Orleans:GatewayPort"] = Invariant(_ports[3]),
        ["Storage:DataDirectory"] = dataDirectory,
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
