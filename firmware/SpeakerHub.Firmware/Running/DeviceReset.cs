using nanoFramework.Runtime.Native;
using SpeakerHub.Firmware.Core.Ota;

namespace SpeakerHub.Firmware.Running
{
    /// <summary>The updater's restart: a full reboot, after which the stable loader picks the slot from the boot record.</summary>
    public sealed class DeviceReset : IUpdateHost
    {
        public void Restart()
        {
            Power.RebootDevice();
        }
    }
}
