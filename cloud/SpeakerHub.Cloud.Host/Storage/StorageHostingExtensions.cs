using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Host.Storage;

public static class StorageHostingExtensions
{
    /// <summary>
    /// Reads and validates the <c>Storage</c> section now, because the silo's storage is configured from
    /// it while the host is composed, and creates the data directory (SQLite does not create folders).
    /// A bad value stops the host here with the key named, before anything has started.
    /// </summary>
    public static StorageOptions AddSpeakerHubStorage(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var validation = new StorageOptionsValidator().Validate(Options.DefaultName, storage);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions), validation.Failures);
        }

        Directory.CreateDirectory(storage.FullDataDirectory);
        builder.Services.AddSingleton(Options.Create(storage));
        return storage;
    }
}
