using System.Collections.Concurrent;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// At most <c>size</c> decoders, made on first need and reused: a decoder costs megabytes and
/// milliseconds to create, an utterance only needs one for its own duration.
/// </summary>
internal sealed class DecoderPool(int size, Func<PocketSphinxDecoder> create) : IDisposable
{
    private readonly ConcurrentBag<PocketSphinxDecoder> idle = [];
    private readonly SemaphoreSlim slots = new(size, size);
    private int created;
    private volatile bool disposed;

    /// <summary>Decoders made since start, including any freed after a failure.</summary>
    public int Created => Volatile.Read(ref created);

    public PocketSphinxDecoder Lease(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!slots.Wait(timeout))
        {
            throw Busy(timeout);
        }

        return TakeOrCreate();
    }

    public async ValueTask<PocketSphinxDecoder> LeaseAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!await slots.WaitAsync(timeout, cancellationToken))
        {
            throw Busy(timeout);
        }

        return TakeOrCreate();
    }

    /// <summary>Gives a decoder back; one that failed mid-utterance is freed instead of reused.</summary>
    public void Return(PocketSphinxDecoder decoder, bool healthy)
    {
        if (healthy && !disposed)
        {
            idle.Add(decoder);
        }
        else
        {
            decoder.Dispose();
        }

        if (disposed)
        {
            Drain();
        }

        slots.Release();
    }

    public void Dispose()
    {
        disposed = true;
        Drain();
    }

    private PocketSphinxDecoder TakeOrCreate()
    {
        if (idle.TryTake(out var decoder))
        {
            return decoder;
        }

        try
        {
            decoder = create();
            Interlocked.Increment(ref created);
            return decoder;
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    private void Drain()
    {
        while (idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }
    }

    private static TimeoutException Busy(TimeSpan timeout) =>
        new($"All speech decoders stayed busy for {timeout.TotalSeconds:0.#} s; raise Speech:Recognition:PoolSize.");
}
