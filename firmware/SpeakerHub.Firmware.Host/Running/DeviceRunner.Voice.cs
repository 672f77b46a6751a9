using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.Firmware.Host.Running;

/// <summary>
/// The runner's voice hardware and the person in front of it: clips spoken into the microphone after
/// a tap, a held button, as a wake phrase or as a follow-up answer, through the device's own voice
/// activity detection.
/// </summary>
public sealed partial class DeviceRunner
{
    /// <summary>
    /// How long after the clip's last frame the device may still open its utterance. Onset is decided
    /// within 60 ms of speech, so a clip heard whole without one held no speech the device could hear.
    /// </summary>
    public static readonly TimeSpan NoSpeechGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Swaps in another microphone (e.g. one paced by a test's clock); it is started on the loop if it
    /// is not running yet, and its frames go to <c>OnAudioFrame</c> from the next tick.
    /// </summary>
    public Task AttachMicrophoneAsync(WavMicrophone microphone)
    {
        ArgumentNullException.ThrowIfNull(microphone);
        return InvokeAsync(_ =>
        {
            if (!microphone.IsStarted)
            {
                microphone.Start(_audioFrames);
            }

            _microphone = microphone;
            return true;
        });
    }

    /// <summary>Reads a 16 kHz mono WAV (see <see cref="WavFile"/>) and speaks it: <see cref="SpeakAsync(short[], CancellationToken)"/>.</summary>
    public Task SpeakAsync(string wavPath, CancellationToken cancellationToken = default) =>
        SpeakAsync(WavFile.Read(wavPath), cancellationToken);

    /// <summary>
    /// Holds push-to-talk (through the button's debouncer), speaks the clip into the microphone in
    /// real time, lets go. Completes once the device has been told of the release; what it makes of
    /// the audio is the firmware's and the cloud's business. To wait for the answer, use
    /// <see cref="SpeakAsync(short[], SpeechTrigger, CancellationToken)"/>.
    /// </summary>
    public async Task SpeakAsync(short[] clip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        TakeTheMicrophone();
        try
        {
            await HoldWhileSpeakingAsync(clip, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _speaking, 0);
        }
    }

    /// <summary>Reads a 16 kHz mono WAV and speaks it: <see cref="SpeakAsync(short[], SpeechTrigger, CancellationToken)"/>.</summary>
    public Task<VoiceTurn> SpeakAsync(string wavPath, SpeechTrigger trigger, CancellationToken cancellationToken = default) =>
        SpeakAsync(WavFile.Read(wavPath), trigger, cancellationToken);

    /// <summary>
    /// Speaks <paramref name="clip"/> (16 kHz mono PCM) to the device in real time after
    /// <paramref name="trigger"/> and returns the whole turn: timings, reply text and the reply audio
    /// that was played. The device must be Idle for <see cref="SpeechTrigger.Tap"/> and
    /// <see cref="SpeechTrigger.Wake"/> (with wake sensitivity above 0), Listening after a question for
    /// <see cref="SpeechTrigger.FollowUp"/>. Fails with <see cref="InteractionFailedException"/> when the
    /// device is not ready, heard no speech in the clip, or got no reply.
    /// </summary>
    public async Task<VoiceTurn> SpeakAsync(short[] clip, SpeechTrigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        TakeTheMicrophone();
        SpeechRequest request = new(trigger);
        try
        {
            await InvokeAsync(device =>
            {
                ThrowUnlessReady(device, trigger);
                _speechRequest = request;
                return true;
            }).WaitAsync(cancellationToken).ConfigureAwait(false);

            if (trigger == SpeechTrigger.Hold)
            {
                await HoldWhileSpeakingAsync(clip, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (trigger == SpeechTrigger.Tap)
                {
                    await PushButtonAsync(ButtonEvent.ShortPress, _tapButton.Tap, cancellationToken).ConfigureAwait(false);
                }

                await _microphone.Queue(clip).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await WaitForUtteranceAsync(request, cancellationToken).ConfigureAwait(false);
            return await request.Completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Post(_ =>
            {
                if (_speechRequest == request)
                {
                    _speechRequest = null;
                }
            });
            Volatile.Write(ref _speaking, 0);
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> as typed (like <see cref="SayAsync"/>) and returns the whole turn, as
    /// <see cref="SpeakAsync(short[], SpeechTrigger, CancellationToken)"/> does: reply text, reply audio
    /// and timings, with <see cref="VoiceTurn.UtteranceSentAt"/> the moment the text went to the link.
    /// </summary>
    public Task<VoiceTurn> AskAsync(string text, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<VoiceTurn> completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(now =>
        {
            uint id = _device.SendUtterance(text, now);
            if (id == 0)
            {
                completed.TrySetException(new InteractionFailedException($"{DeviceId} cannot send an utterance while {_device.State}."));
                return;
            }

            _turns[id] = new TurnInProgress(id, SpeechTrigger.Typed)
            {
                Completion = completed,
                SentAt = Elapsed(_inputStartedAt),
            };
        });
        if (!posted)
        {
            completed.TrySetException(new ObjectDisposedException(nameof(DeviceRunner)));
        }

        return completed.Task.WaitAsync(cancellationToken);
    }

    private static void ThrowUnlessReady(SpeakerDevice device, SpeechTrigger trigger)
    {
        DeviceState state = device.State;
        bool ready = trigger switch
        {
            SpeechTrigger.Tap => state == DeviceState.Idle,
            SpeechTrigger.Hold => state is DeviceState.Idle or DeviceState.Listening or DeviceState.Speaking,
            SpeechTrigger.Wake => state == DeviceState.Idle && device.WakeSensitivity > 0,
            SpeechTrigger.FollowUp => state == DeviceState.Listening,
            _ => false,
        };
        if (!ready)
        {
            string wake = trigger == SpeechTrigger.Wake && device.WakeSensitivity == 0 ? " with wake sensitivity 0" : string.Empty;
            throw new InteractionFailedException($"{device.Identity.DeviceId} cannot take a {trigger} utterance while {state}{wake}.");
        }
    }

    private async Task WaitForUtteranceAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        Task started = request.Started.Task;
        Task grace = Task.Delay(NoSpeechGrace, _time, cancellationToken);
        if (await Task.WhenAny(started, grace).ConfigureAwait(false) != started)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InteractionFailedException($"{DeviceId} heard no speech in the clip ({_microphone.OverrunFrames} microphone frames lost to overrun so far).");
        }
    }

    /// <summary>One finger on one button: a second speaker would release the first one's press.</summary>
    private void TakeTheMicrophone()
    {
        if (Interlocked.Exchange(ref _speaking, 1) == 1)
        {
            throw new InvalidOperationException($"{DeviceId} is already being spoken to.");
        }
    }

    private async Task HoldWhileSpeakingAsync(short[] clip, CancellationToken cancellationToken)
    {
        try
        {
            await PushButtonAsync(ButtonEvent.TalkPressed, now => _talkButton.Press(now), cancellationToken).ConfigureAwait(false);
            await _microphone.Queue(clip).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Let go without waiting: the press may never have got past the debouncer.
            _ = PushButtonAsync(ButtonEvent.TalkReleased, now => _talkButton.Release(now), CancellationToken.None);
            throw;
        }

        await PushButtonAsync(ButtonEvent.TalkReleased, now => _talkButton.Release(now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a button on the loop now; completes when the debounced <paramref name="reported"/> reached the device.</summary>
    private Task PushButtonAsync(ButtonEvent reported, Action<long> move, CancellationToken cancellationToken)
    {
        TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(now =>
        {
            _awaitedTalkEdges.Add((reported, done));
            move(now);
        });
        return posted
            ? done.Task.WaitAsync(cancellationToken)
            : Task.FromException(new ObjectDisposedException(nameof(DeviceRunner)));
    }

    private void OnTalkButton(ButtonEvent button)
    {
        _device.OnButton(button, _loopNowMs);
        foreach ((ButtonEvent edge, TaskCompletionSource reported) in _awaitedTalkEdges)
        {
            if (edge == button)
            {
                reported.TrySetResult();
            }
        }

        _awaitedTalkEdges.RemoveAll(awaited => awaited.Reported.Task.IsCompleted);
    }
}
