namespace SpeakerHub.Cloud.Gateway;

/// <summary>
/// One way of connecting devices to this silo. Every mode authenticates devices, enforces the topic ACL
/// and payload rules, hands uplinks to the device grain, and is the <c>IDownlink</c> observer the grain
/// sends through. <see cref="MqttGatewayMode.Embedded"/> runs a broker in-process;
/// <see cref="MqttGatewayMode.External"/> will join a broker cluster through a shared subscription.
/// </summary>
public interface IMqttGateway
{
    /// <summary>Where devices connect, for the start-up banner and logs.</summary>
    string Endpoint { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
