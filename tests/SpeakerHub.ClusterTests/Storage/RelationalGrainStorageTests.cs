using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SpeakerHub.Cloud.Grains.Storage;
using Xunit;

namespace SpeakerHub.ClusterTests.Storage;

/// <summary>The provider on its own, against a real SQLite file; every test uses its own grain id.</summary>
public sealed class RelationalGrainStorageTests : IClassFixture<TemporarySqliteDatabase>, IDisposable
{
    private const string StateName = "state";

    private readonly TemporarySqliteDatabase database;
    private readonly ServiceProvider serializationServices;
    private readonly List<RelationalGrainStorage> storages = [];

    public RelationalGrainStorageTests(TemporarySqliteDatabase database)
    {
        this.database = database;
        serializationServices = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(ProbeSettings).Assembly))
            .BuildServiceProvider();
    }

    [Fact]
    public async Task Reading_a_state_that_was_never_written_reports_no_record_no_etag_and_a_default_state()
    {
        var state = new GrainState<ProbeSettings>();

        await NewStorage().ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(new ProbeSettings(), state.State);
    }

    [Fact]
    public async Task Written_state_reads_back_with_a_new_etag_and_RecordExists_true()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        var written = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "kitchen", Volume = 7 });

        await storage.WriteStateAsync(StateName, grainId, written);
        var firstEtag = written.ETag;
        await storage.WriteStateAsync(StateName, grainId, written);
        var read = new GrainState<ProbeSettings>();
        await storage.ReadStateAsync(StateName, grainId, read);

        Assert.NotNull(firstEtag);
        Assert.NotEqual(firstEtag, written.ETag);
        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State, read.State);
        Assert.True(File.Exists(database.FilePath));
    }

    [Fact]
    public async Task Write_with_a_stale_etag_is_rejected_and_leaves_the_stored_state_unchanged()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        var current = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "hall", Volume = 1 });
        await storage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "stale", Volume = 99 }, current.ETag);
        current.State = new ProbeSettings { RoomName = "hall", Volume = 2 };
        await storage.WriteStateAsync(StateName, grainId, current);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(current.ETag, conflict.StoredEtag);
        Assert.Equal(stale.ETag, conflict.CurrentEtag);
        var read = new GrainState<ProbeSettings>();
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(current.State, read.State);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task Concurrent_first_writes_let_exactly_one_win()
    {
        // Separate provider instances stand in for activations on different silos sharing the database.
        var grainId = NewGrainId();
        var contenders = Enumerable.Range(1, 8)
            .Select(volume => (Storage: NewStorage(), State: new GrainState<ProbeSettings>(new ProbeSettings { Volume = volume })))
            .ToList();

        var outcomes = await Task.WhenAll(contenders.Select(contender => Task.Run(async () =>
        {
            try
            {
                await contender.Storage.WriteStateAsync(StateName, grainId, contender.State);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        var winner = Assert.Single(contenders.Where((_, index) => outcomes[index]));
        var read = new GrainState<ProbeSettings>();
        await NewStorage().ReadStateAsync(StateName, grainId, read);
        Assert.Equal(winner.State.State, read.State);
        Assert.Equal(winner.State.ETag, read.ETag);
    }

    [Fact]
    public async Task Cleared_state_reads_back_as_no_record_with_a_default_state()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        var state = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "attic", Volume = 3 });
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);
        var read = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "leftover" });
        await storage.ReadStateAsync(StateName, grainId, read);

        Assert.False(state.RecordExists);
        Assert.False(read.RecordExists);
        Assert.Equal(new ProbeSettings(), read.State);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_is_rejected_after_the_state_is_written_again()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        var owner = new GrainState<ProbeSettings>(new ProbeSettings { Volume = 1 });
        await storage.WriteStateAsync(StateName, grainId, owner);
        var stale = new GrainState<ProbeSettings>(new ProbeSettings { Volume = 66 }, owner.ETag);

        await storage.ClearStateAsync(StateName, grainId, owner);
        owner.State = new ProbeSettings { Volume = 2 };
        await storage.WriteStateAsync(StateName, grainId, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));
    }

    [Fact]
    public async Task State_survives_a_new_provider_instance_on_the_same_file()
    {
        var grainId = NewGrainId();
        var written = new GrainState<ProbeSettings>(new ProbeSettings { RoomName = "bedroom", Volume = 4 });
        using (var beforeRestart = NewStorage(track: false))
        {
            await beforeRestart.WriteStateAsync(StateName, grainId, written);
        }

        var read = new GrainState<ProbeSettings>();
        await NewStorage().ReadStateAsync(StateName, grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.State, read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public void Options_without_a_connection_string_are_rejected_naming_the_store()
    {
        var validator = new RelationalStorageOptionsValidator(new RelationalStorageOptions(), "devices");

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("'devices'", error.Message);
        Assert.Contains(nameof(RelationalStorageOptions.ConnectionString), error.Message);
    }

    [Fact]
    public void An_in_memory_sqlite_database_is_rejected_because_its_state_would_not_persist()
    {
        var options = new RelationalStorageOptions { ConnectionString = "Data Source=:memory:" };

        Assert.Throws<OrleansConfigurationException>(new RelationalStorageOptionsValidator(options, "devices").ValidateConfiguration);
    }

    public void Dispose()
    {
        foreach (var storage in storages)
        {
            storage.Dispose();
        }

        serializationServices.Dispose();
    }

    private RelationalGrainStorage NewStorage(bool track = true)
    {
        var storage = new RelationalGrainStorage(
            "devices",
            new RelationalStorageOptions { ConnectionString = database.ConnectionString },
            new OrleansGrainStorageSerializer(serializationServices.GetRequiredService<Serializer>()),
            serializationServices.GetRequiredService<IActivatorProvider>(),
            NullLogger<RelationalGrainStorage>.Instance);
        if (track)
        {
            storages.Add(storage);
        }

        return storage;
    }

    private static GrainId NewGrainId() => GrainId.Create("storageprobe", Guid.NewGuid().ToString("N"));
}
