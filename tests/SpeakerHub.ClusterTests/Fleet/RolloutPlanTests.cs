using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Grains.Fleet;

namespace SpeakerHub.ClusterTests.Fleet;

public sealed class RolloutPlanTests
{
    private static readonly IReadOnlyList<string> TwoHundred = Enumerable.Range(1, 200).Select(i => $"spk-{i:D3}").ToArray();

    [Fact]
    public void Waves_of_1_10_50_and_100_percent_of_200_devices_hold_2_18_80_and_100_devices()
    {
        var waves = RolloutPlan.CutWaves(TwoHundred, [1, 10, 50, 100]);

        Assert.Equal([2, 18, 80, 100], waves.Select(wave => wave.DeviceIds.Count));
        Assert.Equal(200, waves.SelectMany(wave => wave.DeviceIds).Distinct().Count());
    }

    [Fact]
    public void A_first_wave_is_never_empty_and_waves_that_add_no_device_are_dropped()
    {
        var waves = RolloutPlan.CutWaves(["a", "b", "c"], [1, 2, 50, 100]);

        Assert.Equal([1, 1, 1], waves.Select(wave => wave.DeviceIds.Count));
        Assert.Equal([0, 1, 2], waves.Select(wave => wave.Index));
    }

    [Fact]
    public void The_same_rollout_orders_devices_the_same_way_and_another_rollout_differently()
    {
        var first = RolloutPlan.Order("ro-a", TwoHundred);

        Assert.Equal(first, RolloutPlan.Order("ro-a", TwoHundred.Reverse()));
        Assert.NotEqual(first, RolloutPlan.Order("ro-b", TwoHundred));
    }

    [Theory]
    [InlineData(new double[] { 10, 5, 100 }, "cumulative")]
    [InlineData(new double[] { 10, 50 }, "100 %")]
    [InlineData(new double[] { 0, 100 }, "(0, 100]")]
    [InlineData(new double[] { }, "1 to")]
    public void A_spec_with_bad_waves_is_refused_with_the_rule_it_breaks(double[] waves, string expected)
    {
        var spec = Spec() with { WavePercents = waves };

        var refused = Assert.Throws<ArgumentException>(() => RolloutPlan.Validate(spec));
        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void A_gate_rate_outside_0_and_1_is_refused()
    {
        var spec = Spec() with { Gates = new HealthGates(MinSuccessRate: 1.5) };

        var refused = Assert.Throws<ArgumentException>(() => RolloutPlan.Validate(spec));
        Assert.Contains("minSuccessRate", refused.Message);
    }

    [Fact]
    public void Selectors_match_model_every_tag_and_one_of_the_versions()
    {
        var selector = new RolloutSelector("m", ["kitchen", "beta"], ["1.0.0"]);

        Assert.True(RolloutPlan.Matches(selector, Device("m", "1.0.0", "beta", "kitchen", "eu")));
        Assert.False(RolloutPlan.Matches(selector, Device("m", "1.0.0", "kitchen")));
        Assert.False(RolloutPlan.Matches(selector, Device("m", "1.0.1", "beta", "kitchen")));
        Assert.False(RolloutPlan.Matches(selector, Device("other", "1.0.0", "beta", "kitchen")));
        Assert.True(RolloutPlan.Matches(new RolloutSelector("m", [], []), Device("m", null)));
    }

    private static RolloutSpec Spec() => new(
        "fw-0000000000000000", new RolloutSelector("m", [], []), [1, 10, 100], TimeSpan.Zero, TimeSpan.FromMinutes(1), new HealthGates(), GateAction.Abort, null);

    private static FleetDeviceInfo Device(string model, string? version, params string[] tags) =>
        new("spk-1", model, version, tags, Online: true, null, null, DeviceHealthCounters.Zero);
}
