using SpeakerHub.Firmware.Core.Audio;
using SpeakerHub.Firmware.Core.Connection;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Firmware.Core.Settings;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>
    /// The speaker's logic, sans I/O: inputs are method calls made from one loop (the adapter's), outputs
    /// go through the ports given to the constructor. Nothing here blocks, allocates per message on the
    /// hot paths, reads a clock or starts a thread; time arrives as <c>nowMs</c> (any monotonic origin).
    /// Not thread-safe by design: the adapter serialises every input.
    /// </summary>
    public sealed partial class SpeakerDevice
    {
        private const long Never = long.MaxValue;
        private const int MillisecondsPerSecond = 1000;

        private readonly DeviceIdentity _identity;
        private readonly DeviceOptions _options;
        private readonly ITransport _transport;
        private readonly ISpeaker _speaker;
        private readonly ILeds _leds;
        private readonly ISettingsStore _store;
        private readonly IDeviceObserver _observer;
        private readonly DeviceTopics _topics;
        private readonly ReconnectBackoff _backoff;
        private readonly OutboundQueue _queue;
        private readonly DeviceSettings _settings;
        private readonly byte[] _settingsBuffer;
        private readonly MessageWriter _writer;
        private readonly AudioFrameRing _captureRing;
        private readonly VoiceUplink _voice;
        private readonly VoiceActivityDetector _vad;
        private readonly ReplyPlayback _playback;
        private readonly int _maxUtteranceFrames;
        private readonly int _preRollFrames;
        private readonly FirmwareUpdater _updater;

        // One instance per message kind, reused for every encode and decode.
        private readonly Envelope _envelope = new Envelope();
        private readonly TwinPatch _desired = new TwinPatch(false);
        private readonly TwinPatch _reported = new TwinPatch(true);
        private readonly Command _command = new Command();
        private readonly CommandResult _result = new CommandResult();
        private readonly Reply _reply = new Reply();
        private readonly ReplyAudio _replyAudio = new ReplyAudio();
        private readonly Utterance _utterance = new Utterance();
        private readonly Status _status = new Status();
        private readonly Hello _hello = new Hello();
        private readonly Telemetry _telemetry = new Telemetry();
        private readonly DeviceEvent _event = new DeviceEvent();
        private readonly OtaChunk _otaChunk = new OtaChunk();

        private DeviceState _state = DeviceState.Booting;
        private bool _wifiUp;
        private long _startedAtMs;

        // The latest time any input brought; inputs without a clock (OnMessage) schedule from it.
        private long _nowMs;
        private long _retryAtMs = Never;
        private long _connectDeadlineMs = Never;
        private long _connectedAtMs;
        private long _nextTelemetryAtMs = Never;
        private long _replyDeadlineMs = Never;
        private long _listenUntilMs = Never;
        private uint _pendingInteractionId;
        private int _interactionSequence;
        private bool _listenAfterSpeaking;
        private int _freeMemoryBytes;
        private int _signalDbm;

        public SpeakerDevice(
            DeviceIdentity identity,
            DeviceOptions options,
            ITransport transport,
            ISpeaker speaker,
            ILeds leds,
            ISettingsStore store,
            IRandomSource random,
            IDeviceObserver observer)
            : this(identity, options, transport, speaker, leds, store, random, observer, null)
        {
        }

        /// <param name="updater">Over-the-air updates; null for a device that takes none (tests, bench boards).</param>
        public SpeakerDevice(
            DeviceIdentity identity,
            DeviceOptions options,
            ITransport transport,
            ISpeaker speaker,
            ILeds leds,
            ISettingsStore store,
            IRandomSource random,
            IDeviceObserver observer,
            FirmwareUpdater updater)
        {
            if (identity == null || options == null || transport == null || speaker == null || leds == null
                || store == null || random == null || observer == null)
            {
                throw new System.ArgumentNullException("every port is required");
            }

            _identity = identity;
            _options = options;
            _transport = transport;
            _speaker = speaker;
            _leds = leds;
            _store = store;
            _observer = observer;
            _topics = new DeviceTopics(identity.DeviceId);
            _backoff = new ReconnectBackoff(options.ReconnectBaseMs, options.ReconnectCapMs, options.ReconnectFloorMs, random);
            _queue = new OutboundQueue(options.QueueSlots, options.QueueSlotBytes);
            _settings = new DeviceSettings(options.RecentCommands);
            _settingsBuffer = new byte[_settings.MaxEncodedLength];
            _writer = new MessageWriter(options.UplinkBufferBytes);
            _captureRing = new AudioFrameRing(options.CaptureRingFrames, VoiceChunk.FrameSamples);
            _voice = new VoiceUplink(transport, _topics.VoiceUp);
            _playback = new ReplyPlayback(speaker, options.ReplyBufferFrames);
            _maxUtteranceFrames = FramesIn(options.MaxUtteranceMs);
            int onsetFrames = FramesIn(options.VadOnsetMs);
            _vad = new VoiceActivityDetector(
                onsetFrames,
                FramesIn(options.VadHangoverMs),
                options.VadMinimumLevel,
                FramesIn(options.VadFloorRiseMs),
                FramesIn(options.VadFloorFallMs),
                FramesIn(options.VadFloorRiseInSpeechMs));

            // The onset run itself plus the pre-roll before its first frame.
            _preRollFrames = onsetFrames + (options.PreRollMs / VoiceChunk.FrameMilliseconds);
            _updater = updater;
            if (updater != null)
            {
                updater.Attach(new OtaLink(this));
            }
        }

        public DeviceState State
        {
            get { return _state; }
        }

        public DeviceIdentity Identity
        {
            get { return _identity; }
        }

        /// <summary>Connected to the cloud: every state that follows a successful MQTT connect.</summary>
        public bool IsOnline
        {
            get
            {
                return _state == DeviceState.Idle || _state == DeviceState.Listening || _state == DeviceState.Streaming
                    || _state == DeviceState.Thinking || _state == DeviceState.Speaking || _state == DeviceState.Updating;
            }
        }

        public int Volume
        {
            get { return _settings.Volume; }
        }

        public bool Muted
        {
            get { return _settings.Muted; }
        }

        /// <summary>The over-the-air updater, or null when this device takes no updates.</summary>
        public FirmwareUpdater Updater
        {
            get { return _updater; }
        }

        public int WakeSensitivity
        {
            get { return _settings.WakeSensitivity; }
        }

        public long TwinVersion
        {
            get { return _settings.TwinVersion; }
        }

        public int BootCount
        {
            get { return _settings.BootCount; }
        }

        /// <summary>The utterance awaiting its reply, 0 when none.</summary>
        public uint PendingInteractionId
        {
            get { return _pendingInteractionId; }
        }

        public int QueuedMessages
        {
            get { return _queue.Count; }
        }

        /// <summary>Queued uplinks lost to overflow since they were last reported.</summary>
        public int DroppedMessages
        {
            get { return _queue.Dropped; }
        }

        public int Reconnects { get; private set; }

        /// <summary>Downlinks that failed to decode or came on the wrong topic; ignored.</summary>
        public int MalformedMessages { get; private set; }

        /// <summary>Valid downlinks this firmware has no handler for yet (card, media, ota).</summary>
        public int UnhandledMessages { get; private set; }

        public int DuplicateCommands { get; private set; }

        public int StaleTwinPatches { get; private set; }

        /// <summary>Exceptions thrown by a port while handling an input; the loop carries on.</summary>
        public int PortFaults { get; private set; }

        /// <summary>Loads the settings, counts the boot and starts connecting once Wi-Fi is up.</summary>
        public void Start(long nowMs)
        {
            if (_state != DeviceState.Booting)
            {
                return;
            }

            _startedAtMs = nowMs;
            _nowMs = nowMs;
            int length = _store.Load(_settingsBuffer);
            _settings.ReadFrom(_settingsBuffer, length);
            _settings.BootCount++;
            SaveSettings();
            _speaker.SetVolume(_settings.Volume);
            _speaker.SetMuted(_settings.Muted);
            TuneVoiceDetector();
            if (_updater != null)
            {
                _updater.Start(nowMs);
            }

            SetState(DeviceState.ConnectingWifi);
            if (_wifiUp)
            {
                BeginConnect();
            }
        }

        /// <summary>Latest health figures from the platform (free heap, Wi-Fi RSSI), sent with telemetry.</summary>
        public void ReportHealth(int freeMemoryBytes, int signalDbm)
        {
            _freeMemoryBytes = freeMemoryBytes;
            _signalDbm = signalDbm;
        }

        /// <summary>The heartbeat of the loop; call every few tens of milliseconds.</summary>
        public void OnTick(long nowMs)
        {
            _nowMs = nowMs;
            if (_state == DeviceState.Offline && nowMs >= _retryAtMs)
            {
                BeginConnect();
                return;
            }

            if (_state == DeviceState.ConnectingMqtt && nowMs >= _connectDeadlineMs)
            {
                // The adapter never answered; a late OnConnected is refused (state no longer matches).
                _transport.Disconnect();
                ScheduleReconnect(nowMs);
                return;
            }

            if (IsOnline && nowMs >= _nextTelemetryAtMs)
            {
                PublishTelemetry(nowMs);
                _nextTelemetryAtMs = nowMs + _options.TelemetryIntervalMs;
            }

            if (IsOnline && _queue.Count > 0)
            {
                // A flush the link refused part-way (its send queue was full) resumes here.
                FlushQueue();
            }

            if (_updater != null)
            {
                _updater.OnTick(nowMs);
            }

            if (_pendingInteractionId != 0 && nowMs >= _replyDeadlineMs)
            {
                FailInteraction(InteractionFailure.TimedOut);
                if (_state == DeviceState.Thinking)
                {
                    SetState(DeviceState.Idle);
                }
            }
            else if (_state == DeviceState.Speaking)
            {
                TickSpeaking(nowMs);
            }
            else if (_state == DeviceState.Listening && nowMs >= _listenUntilMs)
            {
                SetState(DeviceState.Idle);
            }
        }

        private void SetState(DeviceState next)
        {
            if (next == _state)
            {
                return;
            }

            DeviceState previous = _state;
            _state = next;
            LeaveVoiceStatesFor(next);
            EndReplyAudioOutside(next);
            _leds.Show(next);
            _observer.StateChanged(previous, next);
        }

        private void SaveSettings()
        {
            int length = _settings.WriteTo(_settingsBuffer);
            _store.Save(_settingsBuffer, length);
        }
    }
}
