using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>The updater's way out to the cloud, provided by <see cref="SpeakerDevice"/>.</summary>
    public interface IOtaUplink
    {
        bool IsOnline { get; }

        /// <summary>Asks for a byte range now; false when it could not be sent (it is asked again later).</summary>
        bool Request(OtaRequest request);

        /// <summary>Reports a state; terminal states are kept for after a reconnect when offline.</summary>
        void Report(OtaStatus status, bool keepWhileOffline);
    }
}
