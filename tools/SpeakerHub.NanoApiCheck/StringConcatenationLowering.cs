using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Models what <c>a + b + c</c> on strings compiles to: the chain is flattened, null and empty
/// constants are dropped, adjacent constants are folded, each non-string operand gets its
/// <c>ToString()</c>, and then <c>String.Concat</c> is called with 2, 3 or 4 strings, or with a
/// <c>string[]</c> beyond that. On .NET the compiler may instead pick span overloads that nano lacks,
/// and does not need to there, so the operation tree's own choice is not what is checked.
/// </summary>
internal sealed class StringConcatenationLowering
{
    private const int MostStringParameters = 4;
    private const string Purpose = "string concatenation";

    private readonly ApiAvailabilityCheck _api;

    public StringConcatenationLowering(ApiAvailabilityCheck api)
    {
        _api = api;
    }

    public void Check(IBinaryOperation binary)
    {
        // Only the top of a chain is checked: a + b + c is one call, not two.
        if (!IsConcatenation(binary) || binary.ConstantValue.HasValue || IsConcatenation(binary.Parent))
        {
            return;
        }

        var operands = new List<IOperation>();
        Flatten(binary, operands);
        RequireConcat(operands, binary.Syntax.GetLocation());
    }

    public void Check(ICompoundAssignmentOperation compound)
    {
        if (compound is not { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null, Target.Type.SpecialType: SpecialType.System_String })
        {
            return;
        }

        var operands = new List<IOperation> { compound.Target };
        Flatten(compound.Value, operands);
        RequireConcat(operands, compound.Syntax.GetLocation());
    }

    private static bool IsConcatenation(IOperation? operation) =>
        operation is IBinaryOperation
        {
            OperatorKind: BinaryOperatorKind.Add,
            OperatorMethod: null,
            Type.SpecialType: SpecialType.System_String,
        };

    private static void Flatten(IOperation operation, List<IOperation> operands)
    {
        if (IsConcatenation(operation) && !operation.ConstantValue.HasValue)
        {
            var binary = (IBinaryOperation)operation;
            Flatten(binary.LeftOperand, operands);
            Flatten(binary.RightOperand, operands);
        }
        else
        {
            operands.Add(operation);
        }
    }

    private void RequireConcat(List<IOperation> operands, Location location)
    {
        var parts = 0;
        var previousWasConstant = false;
        foreach (var operand in operands)
        {
            var constant = operand.ConstantValue;
            if (constant.HasValue)
            {
                if (constant.Value is null || constant.Value is string { Length: 0 })
                {
                    continue;
                }

                if (!previousWasConstant)
                {
                    parts++;
                }

                previousWasConstant = true;
                continue;
            }

            previousWasConstant = false;
            parts++;
            RequireToString(WithoutImplicitConversions(operand).Type, location);
        }

        if (parts < 2)
        {
            return;
        }

        var id = parts <= MostStringParameters
            ? "M:System.String.Concat(" + string.Join(",", Enumerable.Repeat("System.String", parts)) + ")"
            : "M:System.String.Concat(System.String[])";
        _api.RequireDocId(id, location, Purpose);
    }

    private void RequireToString(ITypeSymbol? type, Location location)
    {
        if (type is null or ITypeParameterSymbol || type.SpecialType == SpecialType.System_String)
        {
            return;
        }

        for (var current = type as INamedTypeSymbol ?? type.BaseType; current is not null; current = current.BaseType)
        {
            var toString = current.GetMembers("ToString")
                .OfType<IMethodSymbol>()
                .FirstOrDefault(method => method is { IsStatic: false, Parameters.Length: 0 });
            if (toString is not null)
            {
                _api.RequireMember(toString, location, type, Purpose);
                return;
            }
        }

        // Interfaces have no base type; their values are objects.
        _api.RequireMember(
            _api.ObjectType.GetMembers("ToString").OfType<IMethodSymbol>().First(m => m.Parameters.Length == 0),
            location,
            purpose: Purpose);
    }

    private static IOperation WithoutImplicitConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
