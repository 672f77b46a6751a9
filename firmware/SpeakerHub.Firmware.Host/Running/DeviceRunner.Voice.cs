using SpeakerHub.Firmware.Core;
using SpeakerHub.Firmware.Host.Hardware.Audio;

namespace SpeakerHub.Firmware.Host.Running;

/// <summary>The runner's voice hardware: the microphone it drains each tick and the push-to-talk button.</summary>
public sealed partial class DeviceRunner
{
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
    /// What a person does: holds push-to-talk (through the button's debouncer), speaks the clip into the
    /// microphone in real time, lets go. Completes once the device has been told of the release; what
    /// it makes of the audio (uplink, reply) is the firmware's and the cloud's business.
    /// </summary>
    public async Task SpeakAsync(short[] clip, CancellationToken cancellationToken = default)
    {
        // One finger on one button: a second speaker would release the first one's press.
        if (Interlocked.Exchange(ref _speaking, 1) == 1)
        {
            throw new InvalidOperationException($"{DeviceId} is already being spoken to.");
        }

        try
        {
            try
            {
                await MoveTalkButtonAsync(ButtonEvent.TalkPressed, cancellationToken).ConfigureAwait(false);
                await _microphone.Queue(clip).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Let go without waiting: the press may never have got past the debouncer.
                _ = MoveTalkButtonAsync(ButtonEvent.TalkReleased, CancellationToken.None);
                throw;
            }

            await MoveTalkButtonAsync(ButtonEvent.TalkReleased, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _speaking, 0);
        }
    }

    /// <summary>Presses or releases the button now; completes when the debounced edge reached the device.</summary>
    private Task MoveTalkButtonAsync(ButtonEvent edge, CancellationToken cancellationToken)
    {
        TaskCompletionSource reported = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(now =>
        {
            _awaitedTalkEdges.Add((edge, reported));
            if (edge == ButtonEvent.TalkPressed)
            {
                _talkButton.Press(now);
            }
            else
            {
                _talkButton.Release(now);
            }
        });
        return posted
            ? reported.Task.WaitAsync(cancellationToken)
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
