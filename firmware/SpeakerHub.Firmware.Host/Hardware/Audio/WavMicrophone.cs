namespace SpeakerHub.Firmware.Host.Hardware.Audio;

/// <summary>
/// Twin of the I2S microphone: once started it produces one 20 ms frame every 20 ms of its clock, for
/// ever — queued clips first, silence when there is nothing to say, like a real mic that never stops.
/// Frames are counted from the start instant (frame n is complete at start + (n + 1) × 20 ms), so a
/// late consumer catches up instead of drifting. As with the DMA ring on the ESP32, at most
/// <see cref="DmaFrames"/> completed frames (or the depth given) wait for the consumer; older ones are overwritten and
/// counted in <see cref="OverrunFrames"/>.
/// </summary>
public sealed class WavMicrophone
{
    /// <summary>Frames the I2S DMA ring holds before it overwrites the oldest (ESP-IDF default depth).</summary>
    public const int DmaFrames = 8;

    private readonly TimeProvider _clock;
    private readonly int _dmaFrames;
    private readonly Lock _gate = new();
    private readonly Queue<QueuedClip> _clips = new();
    private readonly List<TaskCompletionSource> _finished = [];

    // The one buffer handed to the consumer, as the DMA hands out its buffer: copy it to keep it.
    private readonly short[] _frame = new short[PcmFormat.FrameSamples];

    private Action<short[]>? _sink;
    private long _startedAt;
    private int _clipPosition;

    /// <param name="dmaFrames">
    /// Completed frames held for a late consumer. The ESP32's depth by default; a deeper ring lets a
    /// test on a loaded machine ride out a scheduling stall without losing the clip it speaks.
    /// </param>
    public WavMicrophone(TimeProvider? clock = null, int dmaFrames = DmaFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dmaFrames, 1);
        _clock = clock ?? TimeProvider.System;
        _dmaFrames = dmaFrames;
    }

    public bool IsStarted => Volatile.Read(ref _sink) is not null;

    /// <summary>Frames handed to the consumer since <see cref="Start"/>.</summary>
    public long FramesDelivered { get; private set; }

    /// <summary>Frames lost because the consumer fell more than the ring's depth behind.</summary>
    public long OverrunFrames { get; private set; }

    /// <summary>Starts the I2S clock now; every frame from here on goes to <paramref name="frameSink"/>.</summary>
    public void Start(Action<short[]> frameSink)
    {
        ArgumentNullException.ThrowIfNull(frameSink);
        if (Interlocked.CompareExchange(ref _sink, frameSink, null) is not null)
        {
            throw new InvalidOperationException("The microphone is already running.");
        }

        _startedAt = _clock.GetTimestamp();
    }

    /// <summary>Reads and queues a WAV clip (<see cref="WavFile"/> rules); see <see cref="Queue(short[])"/>.</summary>
    public Task QueueFile(string path) => Queue(WavFile.Read(path));

    /// <summary>
    /// Queues a clip to be "heard" after whatever is queued already. Thread-safe. The task completes
    /// once the frame holding the clip's last sample has been delivered.
    /// </summary>
    public Task Queue(short[] clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        QueuedClip queued = new(clip);
        lock (_gate)
        {
            _clips.Enqueue(queued);
        }

        return queued.Finished.Task;
    }

    /// <summary>
    /// Delivers every frame completed by now, in order, on the caller's thread; returns how many. The
    /// firmware loop calls this each tick, exactly as the ESP32 loop drains the DMA ring.
    /// </summary>
    public int DeliverDueFrames()
    {
        Action<short[]> sink = Volatile.Read(ref _sink) ?? throw new InvalidOperationException("Start the microphone first.");
        long due = FramesCompletedBy(_clock.GetTimestamp());
        long backlog = due - FramesDelivered - OverrunFrames;
        if (backlog > _dmaFrames)
        {
            long lost = backlog - _dmaFrames;
            for (long i = 0; i < lost; i++)
            {
                FillFrame();
            }

            OverrunFrames += lost;
            CompleteFinishedClips();
        }

        int delivered = 0;
        while (FramesDelivered + OverrunFrames < due)
        {
            FillFrame();
            sink(_frame);
            FramesDelivered++;
            delivered++;
            CompleteFinishedClips();
        }

        return delivered;
    }

    /// <summary>Paces itself: waits for each frame's absolute due time and delivers it, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DeliverDueFrames();
            long next = FramesDelivered + OverrunFrames + 1;
            TimeSpan wait = PcmFormat.FrameDuration * next - _clock.GetElapsedTime(_startedAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // Integer arithmetic on raw timestamps: no rounding error can build up over a long run.
    private long FramesCompletedBy(long timestamp) =>
        (long)((Int128)(timestamp - _startedAt) * PcmFormat.FramesPerSecond / _clock.TimestampFrequency);

    private void FillFrame()
    {
        int filled = 0;
        lock (_gate)
        {
            while (filled < _frame.Length && _clips.TryPeek(out QueuedClip? clip))
            {
                int take = Math.Min(_frame.Length - filled, clip.Samples.Length - _clipPosition);
                clip.Samples.AsSpan(_clipPosition, take).CopyTo(_frame.AsSpan(filled));
                filled += take;
                _clipPosition += take;
                if (_clipPosition == clip.Samples.Length)
                {
                    _clips.Dequeue();
                    _clipPosition = 0;
                    _finished.Add(clip.Finished);
                }
            }
        }

        _frame.AsSpan(filled).Clear();
    }

    private void CompleteFinishedClips()
    {
        foreach (TaskCompletionSource finished in _finished)
        {
            finished.TrySetResult();
        }

        _finished.Clear();
    }

    private sealed class QueuedClip(short[] samples)
    {
        public short[] Samples { get; } = samples;

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
