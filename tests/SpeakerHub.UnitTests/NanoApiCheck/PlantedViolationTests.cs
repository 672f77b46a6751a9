using SpeakerHub.NanoApiCheck;
using Xunit;
using static SpeakerHub.UnitTests.NanoApiCheck.NanoCheckSnippets;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class PlantedViolationTests
{
    [Fact]
    public void A_generic_list_in_firmware_code_is_rejected()
    {
        var source = InClass("""
                    public int Count()
                    {
                        var items = new System.Collections.Generic.List<int>();
                        return items.Count;
                    }
            """);

        AssertViolation(source, NanoRules.GenericUsage, "List<int>", "Action<T>");
        AssertViolation(source, NanoRules.MissingApi, "List<int>", "T:System.Collections.Generic.List`1 is not in nanoFramework 1.17");
    }

    [Fact]
    public void A_missing_type_is_reported_once_per_line_even_when_reached_several_ways()
    {
        var source = InClass("""
                    public object Make() { return new System.Collections.Generic.List<int>(); }
            """);

        var reports = Check(source).Count(v => v.Message.StartsWith("T:System.Collections.Generic.List`1", StringComparison.Ordinal));

        Assert.Equal(1, reports);
    }

    [Fact]
    public void A_generic_method_declaration_is_rejected()
    {
        var source = InClass("""
                    public static object Same<T>(T value) { return value; }
            """);

        AssertViolation(source, NanoRules.GenericDeclaration, "<T>", "Same<T>");
    }

    [Fact]
    public void A_generic_method_called_with_inferred_type_arguments_is_rejected()
    {
        var source = InClass("""
                    public void Fill(int[] values) { Array.Fill(values, 7); }
            """);

        AssertViolation(source, NanoRules.GenericUsage, "Fill(values", "type arguments inferred");
        AssertViolation(source, NanoRules.MissingApi, "Fill(values", "M:System.Array.Fill``1(``0[],``0)");
    }

    [Fact]
    public void Async_and_await_are_rejected()
    {
        var source = InClass("""
                    public async System.Threading.Tasks.Task Pause()
                    {
                        await System.Threading.Tasks.Task.Delay(10);
                    }
            """);

        AssertViolation(source, NanoRules.AsyncAwait, "async");
        AssertViolation(source, NanoRules.AsyncAwait, "await");
        AssertViolation(source, NanoRules.MissingApi, "Task Pause", "T:System.Threading.Tasks.Task");
    }

    [Fact]
    public void A_linq_select_and_its_using_directive_are_rejected()
    {
        var source = "using System.Linq;\n" + InClass("""
                    public object Doubled(int[] values) { return values.Select(v => v * 2); }
            """);

        AssertViolation(source, NanoRules.Linq, "using System.Linq");
        AssertViolation(source, NanoRules.MissingApi, "Linq", "namespace System.Linq is not in nanoFramework 1.17");
        AssertViolation(source, NanoRules.Linq, "Select");
        AssertViolation(source, NanoRules.MissingApi, "Select", "T:System.Linq.Enumerable");
    }

    [Fact]
    public void Linq_query_syntax_is_rejected()
    {
        var source = "using System.Linq;\n" + InClass("""
                    public object Even(int[] values) { return from v in values where v % 2 == 0 select v; }
            """);

        AssertViolation(source, NanoRules.Linq, "from v");
    }

    [Fact]
    public void A_tuple_type_and_a_tuple_literal_are_rejected()
    {
        var source = InClass("""
                    public (int, string) Pair() { return (1, "one"); }
            """);

        AssertViolation(source, NanoRules.Tuple, "(int, string)");
        AssertViolation(source, NanoRules.Tuple, "(1, \"one\")");
        AssertViolation(source, NanoRules.MissingApi, "(int, string)", "T:System.ValueTuple`2");
    }

    [Fact]
    public void A_record_is_rejected()
    {
        var source = "namespace Snippets\n{\n    public record Point(int X, int Y);\n}\n";

        AssertViolation(source, NanoRules.Record, "public record", "Point");
    }

    [Fact]
    public void A_span_of_bytes_and_stackalloc_are_rejected()
    {
        var source = InClass("""
                    public int First() { System.Span<byte> buffer = stackalloc byte[4]; return buffer[0]; }
            """);

        AssertViolation(source, NanoRules.Span, "Span<byte>");
        AssertViolation(source, NanoRules.Span, "stackalloc");
        AssertViolation(source, NanoRules.MissingApi, "Span<byte>", "T:System.Span`1");
    }

    [Fact]
    public void A_nullable_string_annotation_and_a_nullable_directive_are_rejected()
    {
        var source = "#nullable enable\n" + InClass("""
                    public string? Name;
            """);

        AssertViolation(source, NanoRules.NullableAnnotation, "#nullable");
        AssertViolation(source, NanoRules.NullableAnnotation, "string?");
    }

    [Fact]
    public void An_interpolated_string_is_rejected_with_a_hint_to_concatenate()
    {
        var source = InClass("""
                    public string Describe(int volume) { return $"volume {volume}"; }
            """);

        AssertViolation(source, NanoRules.InterpolatedString, "$\"volume", "use concatenation");
    }

    [Fact]
    public void String_Join_is_rejected_because_nano_has_no_string_Join()
    {
        var source = InClass("""
                    public string Csv(string[] parts) { return string.Join(",", parts); }
            """);

        AssertViolation(source, NanoRules.MissingApi, "Join", "M:System.String.Join(System.String,System.String[]) is not in nanoFramework 1.17");
    }

    [Fact]
    public void Console_WriteLine_of_an_int_is_rejected_because_nano_has_only_the_string_overloads()
    {
        var source = InClass("""
                    public void Show(int volume) { Console.WriteLine(volume); }
            """);

        AssertViolation(source, NanoRules.MissingApi, "WriteLine", "M:System.Console.WriteLine(System.Int32)");
    }

    [Fact]
    public void A_generic_dictionary_is_rejected()
    {
        var source = InClass("""
                    public object Table() { return new System.Collections.Generic.Dictionary<string, int>(); }
            """);

        AssertViolation(source, NanoRules.GenericUsage, "Dictionary<string, int>");
        AssertViolation(source, NanoRules.MissingApi, "Dictionary<string, int>", "T:System.Collections.Generic.Dictionary`2");
    }

    [Fact]
    public void Math_Clamp_on_ints_is_rejected_because_nano_clamps_only_long_ulong_float_and_double()
    {
        var source = InClass("""
                    public int Volume(int requested) { return Math.Clamp(requested, 0, 100); }
            """);

        var violation = AssertViolation(source, NanoRules.MissingApi, "Clamp", "M:System.Math.Clamp(System.Int32,System.Int32,System.Int32)");
        Assert.Contains("it has M:System.Math.Clamp(System.Double,System.Double,System.Double)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_GetString_of_a_whole_array_is_rejected_because_nano_needs_offset_and_count()
    {
        var source = InClass("""
                    public string Text(byte[] utf8) { return System.Text.Encoding.UTF8.GetString(utf8); }
            """);

        AssertViolation(source, NanoRules.MissingApi, "GetString", "it has M:System.Text.Encoding.GetString(System.Byte[],System.Int32,System.Int32)");
    }

    [Fact]
    public void A_missing_overload_names_the_overloads_nano_has()
    {
        var source = InClass("""
                    public string[] Fields(string line) { return line.Split(','); }
            """);

        AssertViolation(source, NanoRules.MissingApi, "Split", "it has M:System.String.Split(System.Char[])");
    }

    [Fact]
    public void A_member_nano_lacks_is_rejected_even_inside_nameof()
    {
        var source = InClass("""
                    public string Name() { return nameof(Console.ReadKey); }
            """);

        AssertViolation(source, NanoRules.MissingApi, "ReadKey", "M:System.Console.ReadKey");
    }

    [Fact]
    public void An_unlisted_base_constructor_call_is_rejected()
    {
        var source = InClass("""
                    public Exception Make(string name) { return new VolumeOutOfRange(name); }
            """) + """
            namespace Snippets
            {
                public sealed class VolumeOutOfRange : System.ArgumentOutOfRangeException
                {
                    public VolumeOutOfRange(string name) : base(name, (object)null, "volume") { }
                }
            }
            """;

        AssertViolation(source, NanoRules.MissingApi, "base(name", "M:System.ArgumentOutOfRangeException.#ctor(System.String,System.Object,System.String)");
    }

    [Fact]
    public void A_file_scoped_namespace_is_rejected_as_CSharp_10_syntax()
    {
        var source = "namespace Snippets;\n\npublic sealed class Sample\n{\n}\n";

        var violations = Check(source);

        Assert.Contains(violations, v => v.Rule == NanoRules.LanguageVersion && v.Line == 1 && v.Message.Contains("C# 9", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_that_does_not_compile_is_reported()
    {
        var source = InClass("""
                    public int Broken() { return undefinedName; }
            """);

        AssertViolation(source, NanoRules.CompileError, "undefinedName", "CS0103");
    }

    [Fact]
    public void Init_accessors_anonymous_types_and_dynamic_are_rejected()
    {
        var source = InClass("""
                    public int Level { get; init; }
                    public object Shape() { return new { Level = 1 }; }
                    public object Loose(dynamic value) { return value; }
            """);

        AssertViolation(source, NanoRules.InitAccessor, "init;");
        AssertViolation(source, NanoRules.AnonymousType, "new { Level");
        AssertViolation(source, NanoRules.Dynamic, "dynamic value");
    }
}
