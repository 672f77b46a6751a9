using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class PlantedCompileErrorTests
{
    [Fact]
    public void A_generic_list_does_not_compile_because_nano_has_no_System_Collections_Generic()
    {
        var source = "using System.Collections.Generic;\n" + NanoCheckSnippets.InClass(
            "        public int Count() { var items = new List<int>(); return items.Count; }");

        NanoCompileSnippets.AssertError(source, "CS0234", "Generic");
        NanoCompileSnippets.AssertError(source, "CS0246", "List<int>");
    }

    [Fact]
    public void String_join_does_not_compile_because_nano_strings_have_no_Join()
    {
        var source = NanoCheckSnippets.InClass(
            "        public string Csv(string[] parts) { return string.Join(\",\", parts); }");

        var error = NanoCompileSnippets.AssertError(source, "CS0117", "Join");

        Assert.Contains("Join", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_M2Mqtt_connect_overload_nano_does_not_have_is_rejected_with_no_overload_taking_that_many_arguments()
    {
        var source = NanoCheckSnippets.InClass(
            "        public void Open() { new nanoFramework.M2Mqtt.MqttClient(\"host\").Connect(\"id\", \"user\", \"pw\", true, 3, true, \"t\", \"m\", true, 60, 5); }");

        var error = NanoCompileSnippets.AssertError(source, "CS1501", "Connect");

        Assert.Contains("11 arguments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nano_type_whose_constructors_all_take_arguments_cannot_be_created_without_any()
    {
        var source = NanoCheckSnippets.InClass(
            "        public object Settings() { return new System.Device.I2s.I2sConnectionSettings(); }");

        NanoCompileSnippets.AssertError(source, "CS7036", "System.Device.I2s.I2sConnectionSettings()");
    }
}
