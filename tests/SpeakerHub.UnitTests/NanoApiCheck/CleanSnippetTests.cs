using SpeakerHub.NanoApiCheck;
using Xunit;
using static SpeakerHub.UnitTests.NanoApiCheck.NanoCheckSnippets;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class CleanSnippetTests
{
    [Fact]
    public void ArrayList_and_Hashtable_use_passes()
    {
        AssertClean(InClass("""
                    public int Use()
                    {
                        var list = new ArrayList();
                        list.Add("a");
                        list.Insert(0, "b");
                        var table = new Hashtable();
                        table["volume"] = 7;
                        table.Add("muted", false);
                        var found = table.Contains("volume") && list.Contains("a");
                        list.RemoveAt(0);
                        return found ? list.Count + table.Count + (int)table["volume"] : 0;
                    }
            """));
    }

    [Fact]
    public void Foreach_over_an_ArrayList_passes()
    {
        AssertClean(InClass("""
                    public int Total(ArrayList values)
                    {
                        var total = 0;
                        foreach (int value in values)
                        {
                            total += value;
                        }

                        return total;
                    }
            """));
    }

    [Fact]
    public void Concatenating_two_strings_passes()
    {
        AssertClean(InClass("""
                    public string Topic(string deviceId, string kind) { return deviceId + kind; }
            """));
    }

    [Fact]
    public void Concatenating_strings_numbers_and_chars_passes()
    {
        AssertClean(InClass("""
                    public string Line(string name, int volume, byte level, char unit, string a, string b)
                    {
                        var text = name + "=" + volume + unit + level + a + b;
                        text += volume;
                        return text;
                    }
            """));
    }

    [Fact]
    public void A_call_leaving_a_dotnet_only_optional_parameter_to_its_default_passes()
    {
        // .NET binds FromMilliseconds(long, long = 0); nano has FromMilliseconds(long).
        AssertClean(InClass("""
                    public TimeSpan Timeout(int milliseconds) { return TimeSpan.FromMilliseconds(milliseconds); }
            """));
    }

    [Fact]
    public void Array_Copy_with_offsets_passes()
    {
        AssertClean(InClass("""
                    public byte[] Tail(byte[] source, int offset, int count)
                    {
                        var copy = new byte[count];
                        Array.Copy(source, offset, copy, 0, count);
                        return copy;
                    }
            """));
    }

    [Fact]
    public void BitConverter_passes_including_IsLittleEndian_which_is_a_field_on_dotnet_and_a_property_on_nano()
    {
        AssertClean(InClass("""
                    public int RoundTrip(int value)
                    {
                        var bytes = BitConverter.GetBytes(value);
                        return BitConverter.IsLittleEndian ? BitConverter.ToInt32(bytes, 0) : 0;
                    }
            """));
    }

    [Fact]
    public void Encoding_UTF8_GetBytes_of_a_string_passes()
    {
        AssertClean(InClass("""
                    public byte[] Utf8(string text) { return System.Text.Encoding.UTF8.GetBytes(text); }
            """));
    }

    [Fact]
    public void HMACSHA256_HashData_passes()
    {
        AssertClean(InClass("""
                    public byte[] Sign(byte[] key, byte[] message)
                    {
                        return System.Security.Cryptography.HMACSHA256.HashData(key, message);
                    }
            """));
    }

    [Fact]
    public void Lock_passes()
    {
        AssertClean(InClass("""
                    private readonly object _gate = new object();
                    private int _count;

                    public void Increment()
                    {
                        lock (_gate)
                        {
                            _count++;
                        }
                    }
            """));
    }

    [Fact]
    public void A_switch_on_a_string_passes()
    {
        AssertClean(InClass("""
                    public int Code(string command)
                    {
                        switch (command)
                        {
                            case "play": return 1;
                            case "pause": return 2;
                            case "stop": return 3;
                            case "next": return 4;
                            case "previous": return 5;
                            case "louder": return 6;
                            case "quieter": return 7;
                            case "mute": return 8;
                            default: return command == "noop" ? 0 : -1;
                        }
                    }
            """));
    }

    [Fact]
    public void Enum_use_passes()
    {
        AssertClean("""
            using System;

            namespace Snippets
            {
                [Flags]
                public enum Capability : byte
                {
                    None = 0,
                    Microphone = 1,
                    Speaker = 2,
                }

                public sealed class Device
                {
                    public Capability Capabilities = Capability.Microphone | Capability.Speaker;

                    public string Describe()
                    {
                        return (Capabilities & Capability.Speaker) != 0 ? Capabilities.ToString() : "none";
                    }
                }
            }
            """);
    }

    [Fact]
    public void A_class_implementing_an_interface_declared_in_another_source_file_passes()
    {
        var contract = new NanoSourceFile("IPlayer.cs", """
            namespace Snippets
            {
                public interface IPlayer
                {
                    void Play(byte[] frame, int offset, int count);
                }
            }
            """);
        var implementation = new NanoSourceFile("Player.cs", """
            namespace Snippets
            {
                public sealed class Player : IPlayer
                {
                    public int Played { get; private set; }

                    public void Play(byte[] frame, int offset, int count)
                    {
                        Played += count;
                    }
                }
            }
            """);

        var violations = Checker.Check([contract, implementation]);

        Assert.True(violations.Count == 0, Describe(violations));
    }

    [Fact]
    public void The_string_indexer_length_and_foreach_over_a_string_pass()
    {
        AssertClean(InClass("""
                    public int Digits(string text)
                    {
                        var digits = 0;
                        foreach (var c in text)
                        {
                            if (c >= '0' && c <= '9') digits++;
                        }

                        return text.Length > 0 && text[0] == '-' ? -digits : digits;
                    }
            """));
    }

    [Fact]
    public void Exceptions_events_threads_and_overrides_pass()
    {
        AssertClean(InClass("""
                    public event EventHandler Changed;

                    public void Set(int volume)
                    {
                        if (volume < 0) throw new ArgumentOutOfRangeException(nameof(volume));
                        try
                        {
                            System.Threading.Thread.Sleep(1);
                            Changed?.Invoke(this, EventArgs.Empty);
                        }
                        catch (InvalidOperationException e)
                        {
                            Console.WriteLine(e.Message);
                        }
                    }

                    public override string ToString() { return "Sample"; }
                    public override bool Equals(object obj) { return ReferenceEquals(this, obj); }
                    public override int GetHashCode() { return 1; }
            """));
    }
}
