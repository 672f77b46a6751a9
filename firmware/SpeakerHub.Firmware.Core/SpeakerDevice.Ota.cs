using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core
{
    /// <summary>The updater's way to the cloud: requests only while online, outcomes kept for after a reconnect.</summary>
    public sealed partial class SpeakerDevice
    {
        private sealed class OtaLink : IOtaUplink
        {
            private readonly SpeakerDevice _device;

            public OtaLink(SpeakerDevice device)
            {
                _device = device;
            }

            public bool IsOnline
            {
                get { return _device.IsOnline; }
            }

            public bool Request(OtaRequest request)
            {
                return _device.Publish(_device._topics.OtaUp, request, false);
            }

            public void Report(OtaStatus status, bool keepWhileOffline)
            {
                if (keepWhileOffline)
                {
                    _device.PublishOrQueue(_device._topics.OtaUp, status);
                }
                else
                {
                    _device.Publish(_device._topics.OtaUp, status, false);
                }
            }
        }
    }
}
