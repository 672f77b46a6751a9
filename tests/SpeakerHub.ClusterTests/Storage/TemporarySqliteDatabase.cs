using Microsoft.Data.Sqlite;

namespace SpeakerHub.ClusterTests.Storage;

/// <summary>A SQLite file in a fresh temporary directory, deleted with the directory on dispose.</summary>
public sealed class TemporarySqliteDatabase : IDisposable
{
    private readonly string rootDirectory =
        Path.Combine(Path.GetTempPath(), "speakerhub-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The file sits in a directory that does not exist yet, so the provider must create it.</summary>
    public string FilePath => Path.Combine(rootDirectory, "data", "grains.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    public void Dispose()
    {
        // Pooled connections would keep the file open and block deleting it on some platforms.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(rootDirectory))
        {
            Directory.Delete(rootDirectory, recursive: true);
        }
    }
}
