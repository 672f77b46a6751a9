namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>What the updater needs from the platform besides flash: a restart (the loader then picks the slot).</summary>
    public interface IUpdateHost
    {
        /// <summary>Restarts the device. On hardware this does not return; a host twin tears the device down and boots it again.</summary>
        void Restart();
    }
}
