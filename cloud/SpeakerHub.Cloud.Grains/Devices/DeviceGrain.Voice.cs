using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Abstractions.History;
using SpeakerHub.Cloud.Grains.Voice;
using SpeakerHub.Cloud.Speech.Recognition;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>
/// The spoken loop: microphone chunks stream into a pooled recogniser as they arrive; the final chunk
/// ends recognition, the transcript goes through the same dialog as typed text, and the answer is
/// synthesized and streamed back as reply audio while it is still being made (DESIGN §5).
/// </summary>
public sealed partial class DeviceGrain
{
    /// <summary>The intent a device sees when it was addressed by the wake phrase alone.</summary>
    public const string WakeIntent = "Wake";

    private IncomingUtterance? utterance;
    private IGrainTimer? utteranceWatch;
    private uint lastFinishedUtterance;
    private PacedReplyAudio? pacedReply;
    private IGrainTimer? pacingTimer;

    private async Task OnVoiceChunk(VoiceChunk chunk)
    {
        if (utterance?.InteractionId != chunk.CorrelationId)
        {
            if (chunk.CorrelationId == lastFinishedUtterance)
            {
                // QoS 1 redelivery after the final chunk: this utterance is already answered.
                return;
            }

            await BeginUtterance(chunk);
        }

        var current = utterance!;
        if (!current.Add(chunk))
        {
            logger.LogWarning(
                "Device {DeviceId} utterance {InteractionId} is longer than {MaxFrames} frames; the rest is ignored",
                DeviceId, current.InteractionId, voiceOptions.Value.MaxUtteranceFrames);
        }

        if (chunk.IsFinal)
        {
            await FinishUtterance(current);
        }
    }

    private async Task BeginUtterance(VoiceChunk chunk)
    {
        if (utterance is { } unfinished)
        {
            logger.LogInformation(
                "Device {DeviceId} started utterance {InteractionId} before finishing {Unfinished}",
                DeviceId, chunk.CorrelationId, unfinished.InteractionId);
            EndUtterance();
        }

        // A new utterance is a barge-in on whatever the device was still being sent.
        StopPacedReply();
        var keepAudio = await KeepsAudio();
        var trigger = chunk.Trigger == 0 ? VoiceChunk.TriggerButton : chunk.Trigger;
        // An open question widens the grammar to its answers ("five minutes", "yes"), whatever opened the turn.
        var mode = trigger == VoiceChunk.TriggerWake ? RecognitionMode.Wake
            : dialog.AwaitingAt(time.GetUtcNow()) is not null ? RecognitionMode.Answer
            : RecognitionMode.Command;
        var recognition = await recognizer.StartAsync(mode);
        utterance = new IncomingUtterance(chunk.CorrelationId, trigger, recognition, voiceOptions.Value, keepAudio);
        var idle = voiceOptions.Value.UtteranceIdleTimeout;
        utteranceWatch = this.RegisterGrainTimer(AbandonStalledUtterance, idle, idle);
    }

    private Task AbandonStalledUtterance(CancellationToken cancellationToken)
    {
        if (utterance is { } current
            && Stopwatch.GetElapsedTime(current.LastChunkAt) >= voiceOptions.Value.UtteranceIdleTimeout)
        {
            // The device lost its link mid-sentence: it will not wait for this answer, so none is sent.
            logger.LogInformation(
                "Device {DeviceId} utterance {InteractionId} stalled after {Frames} frames; abandoned",
                DeviceId, current.InteractionId, current.Frames);
            lastFinishedUtterance = current.InteractionId;
            EndUtterance();
        }

        return Task.CompletedTask;
    }

    private async Task FinishUtterance(IncomingUtterance current)
    {
        lastFinishedUtterance = current.InteractionId;
        var finalAt = Stopwatch.GetTimestamp();
        RecognitionResult recognized;
        byte[]? audio;
        try
        {
            recognized = current.Finish();
            audio = current.KeptAudio();
        }
        finally
        {
            EndUtterance();
        }

        var recognitionMs = Stopwatch.GetElapsedTime(finalAt).TotalMilliseconds;
        logger.LogInformation(
            "Device {DeviceId} utterance {InteractionId}: {Outcome} '{Transcript}' ({AudioMs} ms audio, final {RecognitionMs:F1} ms after the last frame)",
            DeviceId, current.InteractionId, recognized.Outcome, recognized.Transcript, recognized.AudioMilliseconds, recognitionMs);

        voiceMetrics.Recognized(
            recognized.Outcome.ToString(), recognized.AudioMilliseconds / 1000.0, recognized.DecodeTime.TotalSeconds, recognitionMs);
        Answer answer;
        double? understandingMs = null;
        if (recognized.Outcome != RecognitionOutcome.Recognized && current.WakeTriggered)
        {
            // Speech that did not start with the wake phrase was not meant for us: an empty reply, no sound.
            answer = new Answer(IntentMatch.NoneIntent, new Dictionary<string, string>(), string.Empty, false, Understood: false);
        }
        else if (recognized.Outcome != RecognitionOutcome.Recognized)
        {
            answer = Answer.NotUnderstood;
        }
        else if (string.IsNullOrWhiteSpace(recognized.Transcript))
        {
            answer = new Answer(WakeIntent, new Dictionary<string, string>(), voiceOptions.Value.WakeOnlyPrompt, ExpectsFollowUp: true);
        }
        else
        {
            var understandingStarted = Stopwatch.GetTimestamp();
            answer = await Understand(recognized.Transcript, mustPersist: false);
            understandingMs = Stopwatch.GetElapsedTime(understandingStarted).TotalMilliseconds;
        }

        var spoken = await Speak(current.InteractionId, answer, finalAt);
        if (spoken.FirstAudioMs is { } firstAudioMs)
        {
            voiceMetrics.FirstReplyAudio(firstAudioMs);
        }

        var outcome = !spoken.Delivered ? InteractionOutcome.Failed
            : answer.Understood ? InteractionOutcome.Answered
            : current.WakeTriggered ? InteractionOutcome.NotForUs
            : InteractionOutcome.NotUnderstood;
        await RecordInteraction(
            new InteractionRecord(
                current.InteractionId, time.GetUtcNow(), InteractionSource.Voice, TriggerOf(current.Trigger), recognized.Transcript,
                answer.Intent, answer.Slots, answer.Speech, outcome,
                AudioMs: current.Frames * VoiceChunk.FrameMilliseconds,
                RecognitionMs: recognitionMs,
                UnderstandingMs: understandingMs,
                FirstAudioMs: spoken.FirstAudioMs,
                TotalMs: Stopwatch.GetElapsedTime(finalAt).TotalMilliseconds),
            audio);
    }

    private static InteractionTrigger TriggerOf(byte trigger) => trigger switch
    {
        VoiceChunk.TriggerWake => InteractionTrigger.Wake,
        VoiceChunk.TriggerFollowUp => InteractionTrigger.FollowUp,
        _ => InteractionTrigger.Button,
    };

    /// <summary>Asked once per utterance, so the grain never collects audio the owner did not opt in to.</summary>
    private async Task<bool> KeepsAudio()
    {
        try
        {
            return await GrainFactory.GetHistory(DeviceId).KeepsAudio();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Privacy setting of device {DeviceId} unavailable; not keeping audio", DeviceId);
            return false;
        }
    }

    private void EndUtterance()
    {
        utteranceWatch?.Dispose();
        utteranceWatch = null;
        utterance?.Dispose();
        utterance = null;
    }

    /// <summary>
    /// Sends the reply and streams its synthesized audio. The text reply goes out when the first audio
    /// exists, so a synthesizer failure can still fall back to the device speaking the text itself.
    /// <paramref name="since"/> is the <see cref="Stopwatch"/> timestamp the first-audio time counts from.
    /// </summary>
    private async Task<SpokenReply> Speak(uint interactionId, Answer answer, long since)
    {
        if (string.IsNullOrWhiteSpace(answer.Speech))
        {
            return new SpokenReply(
                await TrySendReply(interactionId, answer.Speech, answer.Intent, answer.ExpectsFollowUp, audioFollows: false), null);
        }

        StopPacedReply();
        var settings = voiceOptions.Value;
        var encoder = new ReplyAudioEncoder(interactionId, settings.FirstChunkFrames, settings.ChunkFrames);
        var paced = new PacedReplyAudio(interactionId, settings.ReplyLead);
        var replySent = false;
        double? firstAudioMs = null;
        try
        {
            await foreach (var pcm in synthesizer.SynthesizeAsync(answer.Speech))
            {
                foreach (var message in encoder.Add(pcm))
                {
                    if (!replySent)
                    {
                        replySent = true;
                        if (!await TrySendReply(interactionId, answer.Speech, answer.Intent, answer.ExpectsFollowUp, audioFollows: true))
                        {
                            return new SpokenReply(false, null);
                        }

                        pacedReply = paced;
                    }

                    if (!await SendOrKeep(paced, message))
                    {
                        return new SpokenReply(true, firstAudioMs);
                    }

                    firstAudioMs ??= Stopwatch.GetElapsedTime(since).TotalMilliseconds;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Speech synthesis for device {DeviceId} failed", DeviceId);
        }

        if (!replySent)
        {
            // Nothing synthesized (or a reply shorter than one message): the text alone, spoken by the device.
            var shortAudio = encoder.FramesEncoded > 0;
            var delivered = await TrySendReply(interactionId, answer.Speech, answer.Intent, answer.ExpectsFollowUp, audioFollows: shortAudio);
            if (!delivered || !shortAudio)
            {
                return new SpokenReply(delivered, null);
            }

            pacedReply = paced;
        }

        await SendOrKeep(paced, encoder.Finish());
        firstAudioMs ??= Stopwatch.GetElapsedTime(since).TotalMilliseconds;
        paced.Complete = true;
        return new SpokenReply(true, firstAudioMs);
    }

    private async Task<bool> SendOrKeep(PacedReplyAudio paced, OutgoingReplyAudio message)
    {
        if (paced.SendNowOrKeep(message))
        {
            return await TrySend(Topics.Reply, message.Payload);
        }

        var interval = voiceOptions.Value.PacingInterval;
        pacingTimer ??= this.RegisterGrainTimer(SendDueReplyAudio, interval, interval);
        return true;
    }

    private async Task SendDueReplyAudio(CancellationToken cancellationToken)
    {
        if (pacedReply is not { } paced)
        {
            StopPacedReply();
            return;
        }

        foreach (var message in paced.TakeDue())
        {
            if (!await TrySend(Topics.Reply, message.Payload))
            {
                StopPacedReply();
                return;
            }
        }

        if (paced.Complete && !paced.HasWaiting)
        {
            StopPacedReply();
        }
    }

    private void StopPacedReply()
    {
        pacingTimer?.Dispose();
        pacingTimer = null;
        pacedReply = null;
    }

    private async Task<bool> TrySendReply(uint interactionId, string speech, string intent, bool expectsFollowUp, bool audioFollows)
    {
        var reply = DownlinkMessages.Reply(interactionId, speech, intent, expectsFollowUp, audioFollows);
        if (reply is null)
        {
            logger.LogWarning("Reply to device {DeviceId} for intent {Intent} does not fit a message", DeviceId, intent);
            return false;
        }

        return await TrySend(Topics.Reply, reply);
    }
}
