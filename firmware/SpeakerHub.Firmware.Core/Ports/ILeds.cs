namespace SpeakerHub.Firmware.Core
{
    /// <summary>The light ring: one pattern per state, so a user can see what the speaker is doing.</summary>
    public interface ILeds
    {
        void Show(DeviceState state);
    }
}
