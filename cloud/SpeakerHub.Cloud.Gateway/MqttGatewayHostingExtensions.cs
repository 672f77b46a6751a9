using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Gateway.Embedded;

namespace SpeakerHub.Cloud.Gateway;

public static class MqttGatewayHostingExtensions
{
    /// <summary>
    /// Adds the MQTT gateway configured by the <c>Mqtt</c> section (<see cref="MqttOptions"/>, validated
    /// at start). Call it after the Orleans silo is added: hosted services start in registration order
    /// and stop in reverse, so devices are let in only once grains answer and are let go while they still do.
    /// </summary>
    public static IHostApplicationBuilder AddMqttGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MqttOptions>()
            .Bind(builder.Configuration.GetSection(MqttOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<SessionIdGenerator>();
        services.AddSingleton<DeviceAuthenticator>();
        services.AddSingleton<EmbeddedMqttGateway>();
        services.AddSingleton<IMqttGateway>(CreateGateway);
        services.AddHostedService<MqttGatewayService>();
        return builder;
    }

    private static IMqttGateway CreateGateway(IServiceProvider services) =>
        services.GetRequiredService<IOptions<MqttOptions>>().Value.Mode switch
        {
            MqttGatewayMode.Embedded => services.GetRequiredService<EmbeddedMqttGateway>(),
            var mode => throw new NotSupportedException($"Mqtt:Mode={mode} is not yet supported; use Embedded."),
        };

    /// <summary>Runs whichever <see cref="IMqttGateway"/> the configuration chose for the host's lifetime.</summary>
    private sealed class MqttGatewayService(IMqttGateway gateway) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => gateway.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => gateway.StopAsync(cancellationToken);
    }
}
