using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Host.Running;

/// <summary>
/// What the device reports, turned into the runner's events and awaitable results. Everything here
/// runs on the loop. A spoken interaction is tracked as a turn from its utterance's start to the first
/// state after its reply other than Speaking (reply audio played, text said, or nothing to say).
/// </summary>
public sealed partial class DeviceRunner
{
    // Touched only on the loop.
    private readonly Dictionary<uint, TurnInProgress> _turns = [];
    private TurnInProgress? _replyingTurn;
    private SpeechRequest? _speechRequest;

    /// <summary>Raised on the loop when a spoken interaction is over, whoever started it.</summary>
    public event EventHandler<VoiceTurnEventArgs>? VoiceTurnCompleted;

    private TimeSpan Elapsed(long timestamp) => _time.GetElapsedTime(_startedAt, timestamp);

    private void OnStateChanged(DeviceState previous, DeviceState current)
    {
        _state = current;
        lock (_gate)
        {
            if (_device.IsOnline)
            {
                _online.TrySetResult();
            }
            else if (_online.Task.IsCompleted)
            {
                _online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (_replyingTurn is not null && current != DeviceState.Speaking)
        {
            CompleteTurn(_replyingTurn);
        }

        StateChanged?.Invoke(this, new DeviceStateChangedEventArgs(previous, current));
    }

    private void OnReply(uint interactionId, string text, bool expectsFollowUp)
    {
        if (_awaitingReply.Remove(interactionId, out TaskCompletionSource<string>? waiting))
        {
            waiting.TrySetResult(text);
        }

        if (_turns.TryGetValue(interactionId, out TurnInProgress? turn))
        {
            turn.ReplyText = text;
            turn.ExpectsFollowUp = expectsFollowUp;
            _replyingTurn = turn;
        }

        ReplyReceived?.Invoke(this, new DeviceReplyEventArgs(interactionId, text, expectsFollowUp));
    }

    private void OnInteractionFailed(uint interactionId, InteractionFailure reason)
    {
        InteractionFailedException failure = new($"{DeviceId} got no reply: {reason}.", reason);
        if (_awaitingReply.Remove(interactionId, out TaskCompletionSource<string>? waiting))
        {
            waiting.TrySetException(failure);
        }

        if (_turns.Remove(interactionId, out TurnInProgress? turn))
        {
            turn.Completion?.TrySetException(failure);
        }
    }

    private void OnUtteranceStarted(uint interactionId, byte trigger)
    {
        SpeechTrigger heardAs = trigger switch
        {
            VoiceChunk.TriggerWake => SpeechTrigger.Wake,
            VoiceChunk.TriggerFollowUp => SpeechTrigger.FollowUp,
            _ => SpeechTrigger.Tap,
        };
        TurnInProgress turn = new(interactionId, _speechRequest?.Trigger ?? heardAs);
        if (_speechRequest is { } request)
        {
            turn.Completion = request.Completed;
            request.Started.TrySetResult();
            _speechRequest = null;
        }

        _turns[interactionId] = turn;
    }

    private void OnUtteranceSent(uint interactionId, int frames)
    {
        if (_turns.TryGetValue(interactionId, out TurnInProgress? turn))
        {
            // The input's start, not now: the publish is behind us, and on a fast link the reply may
            // already have been stamped on arrival.
            turn.SentAt = Elapsed(_inputStartedAt);
            turn.Frames = frames;
        }
    }

    private void OnReplyAudioStarted(uint interactionId)
    {
        if (_turns.TryGetValue(interactionId, out TurnInProgress? turn))
        {
            turn.FirstAudioAt = Elapsed(_messageArrivedAt);
            Speaker.StartCapture();
        }
    }

    private void OnReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int concealedFrames)
    {
        if (_turns.TryGetValue(interactionId, out TurnInProgress? turn))
        {
            turn.Outcome = outcome;
            turn.ConcealedFrames = concealedFrames;
            turn.Audio = turn.FirstAudioAt is null ? [] : Speaker.EndCapture();
        }
    }

    private void CompleteTurn(TurnInProgress turn)
    {
        _replyingTurn = null;
        _turns.Remove(turn.Id);
        VoiceTurn result = turn.ToTurn();
        turn.Completion?.TrySetResult(result);
        VoiceTurnCompleted?.Invoke(this, new VoiceTurnEventArgs(result));
    }

    private void CancelTurns()
    {
        foreach (TurnInProgress turn in _turns.Values)
        {
            turn.Completion?.TrySetCanceled();
        }

        _speechRequest?.Completed.TrySetCanceled();
    }

    /// <summary>A <see cref="SpeakAsync(short[], SpeechTrigger, CancellationToken)"/> waiting for its utterance to open.</summary>
    private sealed class SpeechRequest(SpeechTrigger trigger)
    {
        public SpeechTrigger Trigger { get; } = trigger;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<VoiceTurn> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TurnInProgress(uint id, SpeechTrigger trigger)
    {
        public uint Id { get; } = id;

        public TaskCompletionSource<VoiceTurn>? Completion { get; set; }

        public int Frames { get; set; }

        public TimeSpan? SentAt { get; set; }

        public string ReplyText { get; set; } = string.Empty;

        public bool ExpectsFollowUp { get; set; }

        public TimeSpan? FirstAudioAt { get; set; }

        public ReplyAudioOutcome? Outcome { get; set; }

        public int ConcealedFrames { get; set; }

        public short[] Audio { get; set; } = [];

        public VoiceTurn ToTurn() =>
            new(Id, trigger, Frames, SentAt, ReplyText, ExpectsFollowUp, FirstAudioAt, Outcome, ConcealedFrames, Audio);
    }

    /// <summary>Keeps <see cref="IDeviceObserver"/> off the runner's public surface.</summary>
    private sealed class LoopObserver(DeviceRunner runner) : IDeviceObserver
    {
        public void StateChanged(DeviceState previous, DeviceState current) => runner.OnStateChanged(previous, current);

        public void ReplyReceived(uint interactionId, string text, bool expectsFollowUp) => runner.OnReply(interactionId, text, expectsFollowUp);

        public void InteractionFailed(uint interactionId, InteractionFailure reason) => runner.OnInteractionFailed(interactionId, reason);

        public void UtteranceStarted(uint interactionId, byte trigger) => runner.OnUtteranceStarted(interactionId, trigger);

        public void UtteranceSent(uint interactionId, int frames) => runner.OnUtteranceSent(interactionId, frames);

        public void ReplyAudioStarted(uint interactionId) => runner.OnReplyAudioStarted(interactionId);

        public void ReplyAudioFinished(uint interactionId, ReplyAudioOutcome outcome, int playedFrames, int concealedFrames) =>
            runner.OnReplyAudioFinished(interactionId, outcome, concealedFrames);
    }
}
