namespace SpeakerHub.Cloud.Grains.Storage;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; when the write fails, <paramref name="deactivate"/> (the grain's
    /// <c>DeactivateOnIdle</c>) runs before the failure propagates, because memory is then ahead of
    /// storage and the next call must start from what was really stored.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, Action deactivate)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            deactivate();
            throw;
        }
    }
}
