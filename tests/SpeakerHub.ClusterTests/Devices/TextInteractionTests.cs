using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Grains.Skills;
using SpeakerHub.Cloud.Speech.Nlu;
using SpeakerHub.Cloud.Grains.Skills.BuiltIn;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;
using Xunit;

namespace SpeakerHub.ClusterTests.Devices;

[Collection(DeviceClusterCollection.Name)]
public sealed class TextInteractionTests(DeviceClusterFixture fixture)
{
    [Fact]
    public async Task Saying_set_volume_to_five_changes_the_desired_volume_the_device_then_applies()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        await speaker.Grain.SetDesired(new TwinChange(Volume: 2));
        speaker.Downlink.Clear();

        var result = await speaker.Grain.Say("Set the volume to five.");

        Assert.Equal(VolumeSkill.SetVolume, result.Intent);
        Assert.Equal("5", result.Slots[VolumeSkill.LevelSlot]);
        var patch = Assert.Single(speaker.Downlink.DesiredPatches());
        Assert.Equal(5, patch.Volume);
        var reply = Assert.Single(speaker.Downlink.Replies());
        Assert.Equal((result.InteractionId, result.Reply, VolumeSkill.SetVolume), (reply.CorrelationId, reply.Text, reply.Intent));

        await speaker.ApplyAsync(patch);

        var snapshot = await speaker.SnapshotAsync();
        Assert.Equal(5, snapshot.Desired.Volume);
        Assert.Equal((patch.Version, 5), (snapshot.Reported.Version, snapshot.Reported.Volume));
    }

    [Fact]
    public async Task Spoken_text_on_the_voice_topic_is_answered_with_the_utterance_correlation_id()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        await speaker.ComeOnlineAsync("s1");
        speaker.Downlink.Clear();

        await speaker.SendAsync(Topics.Voice, new Utterance { CorrelationId = 77, Text = "what's the time" });

        var reply = Assert.Single(speaker.Downlink.Replies());
        Assert.Equal(77u, reply.CorrelationId);
        Assert.Equal("GetTime", reply.Intent);
        Assert.StartsWith("It's ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_no_skill_understands_gets_the_fallback_reply_and_changes_nothing()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);
        var before = (await speaker.SnapshotAsync()).Desired;

        var result = await speaker.Grain.Say("order me a pizza");

        Assert.Equal(IntentMatch.NoneIntent, result.Intent);
        Assert.Equal(IntentRouter.FallbackSpeech, result.Reply);
        Assert.Equal(before, (await speaker.SnapshotAsync()).Desired);
    }

    [Fact]
    public async Task Interaction_ids_of_typed_text_are_unique()
    {
        var speaker = await TestSpeaker.ProvisionAsync(fixture);

        var first = await speaker.Grain.Say("mute");
        var second = await speaker.Grain.Say("unmute");

        Assert.NotEqual(first.InteractionId, second.InteractionId);
        Assert.False((await speaker.SnapshotAsync()).Desired.Muted);
    }
}
