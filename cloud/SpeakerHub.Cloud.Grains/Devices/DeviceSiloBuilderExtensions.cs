using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Grains.Voice;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Cloud.Speech.Synthesis;

namespace SpeakerHub.Cloud.Grains.Devices;

public static class DeviceSiloBuilderExtensions
{
    /// <summary>
    /// Adds the device feature: <see cref="DeviceGrain"/>, <see cref="DeviceDirectoryGrain"/>, their
    /// options and the skills the text path needs. Both grains keep their state in the "devices"
    /// grain storage, which the host registers (SQLite/PostgreSQL, or memory in tests).
    /// </summary>
    public static ISiloBuilder AddSpeakerHubDevices(this ISiloBuilder builder, Action<DeviceOptions>? configure = null)
    {
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<DeviceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeviceOptions>, DeviceOptionsValidator>());
        services.AddSpeakerHubSkills();
        services.AddSpeakerHubSpeechRecognition();
        services.AddSpeakerHubSpeechSynthesis();
        services.AddOptions<VoiceOptions>().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<VoiceMetrics>();
        services.TryAddSingleton<Fleet.FirmwareImageCache>();
        services.AddOptions<Fleet.FleetOptions>();
        services.AddHostedService<SpeechWarmup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VoiceOptions>, VoiceOptionsValidator>());
        return builder;
    }

    private sealed class VoiceOptionsValidator : IValidateOptions<VoiceOptions>
    {
        public ValidateOptionsResult Validate(string? name, VoiceOptions options)
        {
            var problems = options.Problems().Select(problem => $"{VoiceOptions.SectionName}: {problem}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private sealed class DeviceOptionsValidator : IValidateOptions<DeviceOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeviceOptions options)
        {
            var problems = options.Problems().Select(problem => $"{DeviceOptions.SectionName}: {problem}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
