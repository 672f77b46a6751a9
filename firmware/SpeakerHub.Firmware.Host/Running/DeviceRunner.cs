using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Audio;
using SpeakerHub.Firmware.Host.Hardware.Controls;
using SpeakerHub.Firmware.Host.Hardware.Flash;
using SpeakerHub.Firmware.Host.Mqtt;

namespace SpeakerHub.Firmware.Host.Running;

/// <summary>
/// Runs one <see cref="SpeakerDevice"/> the way the firmware's main loop does: a single consumer task
/// feeds it every input — 20 ms ticks, link events, API calls — one at a time, so the device logic
/// never sees two threads. Each tick also runs the push-to-talk button's debouncer and drains the microphone's
/// completed frames into <c>OnAudioFrame</c>, as the ESP32 loop does. Owns the transport and the
/// speaker and disposes them.
/// </summary>
public sealed partial class DeviceRunner : IAsyncDisposable
{
    /// <summary>The firmware's loop period (one audio frame).</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly DeviceIdentity _identity;
    private readonly DeviceOptions _options;
    private readonly ISettingsStore _settings;
    private readonly IRandomSource _random;
    private readonly SimulatedFirmware? _firmware;
    private SpeakerDevice _device;
    private readonly IHostTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _startedAt;
    private readonly Channel<Action<long>> _inputs = Channel.CreateUnbounded<Action<long>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<long> _tick;
    private readonly Action<short[]> _audioFrames;
    private readonly SimulatedButton _talkButton;
    private readonly SimulatedButton _tapButton;
    private readonly List<(ButtonEvent Button, TaskCompletionSource Reported)> _awaitedTalkEdges = [];
    private readonly Lock _gate = new();

    // Touched only on the loop.
    private readonly Dictionary<uint, TaskCompletionSource<string>> _awaitingReply = [];
    private long _loopNowMs;
    private long _messageArrivedAt;

    // When the input being handled started: anything it publishes leaves after this instant.
    private long _inputStartedAt;

    private TaskCompletionSource _online = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private Task _ticker = Task.CompletedTask;
    private int _tickQueued;
    private int _speaking;
    private int _started;
    private int _disposed;
    private volatile DeviceState _state = DeviceState.Booting;
    private volatile WavMicrophone _microphone;

    public DeviceRunner(
        DeviceIdentity identity,
        DeviceOptions options,
        IHostTransport transport,
        WavSpeaker speaker,
        ISettingsStore settings,
        IRandomSource? random = null,
        TimeProvider? time = null,
        ILogger? logger = null,
        int microphoneBufferFrames = WavMicrophone.DmaFrames,
        SimulatedFirmware? firmware = null)
    {
        _transport = transport;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _startedAt = _time.GetTimestamp();
        Speaker = speaker;
        _identity = identity;
        _options = options;
        _settings = settings;
        _random = random ?? new SystemRandomSource();
        _firmware = firmware;
        _device = Build(null);
        if (firmware is not null)
        {
            firmware.RestartRequested += (_, _) => Post(Restart);
        }

        _microphone = new WavMicrophone(_time, microphoneBufferFrames);
        _audioFrames = frame => _device.OnAudioFrame(frame);
        _talkButton = new SimulatedButton(ButtonRole.PushToTalk, (button, _) => OnTalkButton(button));
        _tapButton = new SimulatedButton(ButtonRole.Talk, (button, _) => OnTalkButton(button));
        _tick = now =>
        {
            Volatile.Write(ref _tickQueued, 0);
            _loopNowMs = now;
            _talkButton.Advance(now);
            _tapButton.Advance(now);
            if (_microphone.IsStarted)
            {
                _microphone.DeliverDueFrames();
            }

            _device.OnTick(now);
        };

        transport.Connected += (_, _) => Post(now => _device.OnConnected(now));
        transport.ConnectFailed += (_, _) => Post(now => _device.OnConnectFailed(now));
        transport.ConnectionLost += (_, _) => Post(now => _device.OnConnectionLost(now));
        transport.MessageReceived += (_, message) =>
        {
            // Stamped on arrival, not when the loop gets to it: reply latency is measured at the radio.
            long arrivedAt = _time.GetTimestamp();
            Post(_ =>
            {
                _messageArrivedAt = arrivedAt;
                _device.OnMessage(message.Topic, message.Payload, 0, message.Payload.Length);
            });
        };
    }

    /// <summary>Raised on the loop for every state change.</summary>
    public event EventHandler<DeviceStateChangedEventArgs>? StateChanged;

    /// <summary>Raised on the loop for every reply, asked for or not.</summary>
    public event EventHandler<DeviceReplyEventArgs>? ReplyReceived;

    public string DeviceId => _device.Identity.DeviceId;

    public DeviceState State => _state;

    public WavSpeaker Speaker { get; }

    /// <summary>The light ring: every state the device showed.</summary>
    public RecordingLeds Leds { get; } = new();

    /// <summary>The microphone feeding the device; one is built in and started with the device.</summary>
    public WavMicrophone Microphone => _microphone;

    /// <summary>Boots the device (Wi-Fi is always up on a host) and starts the loop.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _loop = Task.Run(RunLoopAsync);
        _ticker = Task.Run(RunTickerAsync);
        Post(now =>
        {
            PowerOn();
            _device.OnWifiUp();
            _device.Start(now);
            _microphone.Start(_audioFrames);
        });
    }

    /// <summary>Restarts the firmware this runner boots (OTA); raised on the loop after the new image started.</summary>
    public event EventHandler<BootedFirmware>? Booted;

    /// <summary>Times the device restarted itself (an update switching slots, a failed trial).</summary>
    public int Restarts { get; private set; }

    /// <summary>The version the device runs now (it changes when an update switches slots).</summary>
    public string FirmwareVersion => _device.Identity.FirmwareVersion;

    private SpeakerDevice Build(BootedFirmware? booted)
    {
        DeviceIdentity identity = booted is null
            ? _identity
            : new DeviceIdentity(_identity.DeviceId, _identity.Model, booted.Version, _identity.Capabilities);
        return new SpeakerDevice(identity, _options, _transport, Speaker, Leds, _settings, _random, new LoopObserver(this), booted?.Updater);
    }

    // On the loop: the loader runs, then the app it chose.
    private void PowerOn()
    {
        if (_firmware is null)
        {
            return;
        }

        BootedFirmware booted = _firmware.Boot();
        _device = Build(booted);
        Booted?.Invoke(this, booted);
    }

    // On the loop: what a reset does to a running speaker — the link drops, RAM is gone, the loader runs again.
    private void Restart(long now)
    {
        Restarts++;
        _device.Shutdown();
        _state = DeviceState.Booting;
        lock (_gate)
        {
            if (_online.Task.IsCompleted)
            {
                _online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        PowerOn();
        _device.OnWifiUp();
        _device.Start(now);
    }

    /// <summary>Completes once the device is connected to the cloud (at once if it already is).</summary>
    public Task WaitUntilOnlineAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _online.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Says <paramref name="text"/> as the device (an utterance on <c>up/voice</c>) and returns the reply
    /// text. Fails with <see cref="InteractionFailedException"/> when the device is offline or busy, the
    /// reply times out, or the link drops first.
    /// </summary>
    public Task<string> SayAsync(string text, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<string> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(now =>
        {
            uint id = _device.SendUtterance(text, now);
            if (id == 0)
            {
                reply.TrySetException(new InteractionFailedException($"{DeviceId} cannot send an utterance while {_device.State}."));
                return;
            }

            _awaitingReply[id] = reply;
        });
        if (!posted)
        {
            reply.TrySetException(new ObjectDisposedException(nameof(DeviceRunner)));
        }

        return reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Presses a button on the device.</summary>
    public Task PressAsync(ButtonEvent button) => InvokeAsync(device =>
    {
        device.OnButton(button, NowMs());
        return true;
    });

    /// <summary>Runs <paramref name="query"/> on the loop, e.g. to read the device's counters safely.</summary>
    public Task<T> InvokeAsync<T>(Func<SpeakerDevice, T> query)
    {
        TaskCompletionSource<T> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(_ =>
        {
            try
            {
                result.TrySetResult(query(_device));
            }
            catch (Exception exception)
            {
                result.TrySetException(exception);
            }
        });
        if (!posted)
        {
            result.TrySetException(new ObjectDisposedException(nameof(DeviceRunner)));
        }

        return result.Task;
    }

    /// <summary>Shuts the device down cleanly ("offline" status, then disconnect) and stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (Volatile.Read(ref _started) == 1)
        {
            Task shutdown = InvokeAsync(device =>
            {
                device.Shutdown();
                return true;
            });
            await shutdown.WaitAsync(ShutdownTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _inputs.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loop, _ticker).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (TaskCompletionSource<string> pending in _awaitingReply.Values)
        {
            pending.TrySetCanceled();
        }

        foreach ((_, TaskCompletionSource reported) in _awaitedTalkEdges)
        {
            reported.TrySetCanceled();
        }

        CancelTurns();

        Speaker.Dispose();
        _stopping.Dispose();
    }

    private bool Post(Action<long> input) => _inputs.Writer.TryWrite(input);

    private long NowMs() => (long)_time.GetElapsedTime(_startedAt).TotalMilliseconds;

    private async Task RunLoopAsync()
    {
        try
        {
            await foreach (Action<long> input in _inputs.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    _inputStartedAt = _time.GetTimestamp();
                    input(NowMs());
                }
                catch (Exception exception)
                {
                    _logger.LogError(exception, "{DeviceId}: an input failed", DeviceId);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunTickerAsync()
    {
        using PeriodicTimer timer = new(TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                // One tick in the queue at a time: a busy loop skips ticks rather than piling them up.
                if (Interlocked.Exchange(ref _tickQueued, 1) == 0)
                {
                    Post(_tick);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
