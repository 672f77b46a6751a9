using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Walks the operation tree of every body and initializer, so members that the compiler calls without
/// the source naming them are checked too: operators, indexers, conversions, target-typed new, and
/// what foreach, using, lock, string switches, typeof and string concatenation lower to. The lowering
/// modelled here is the one a compiler targeting nano's mscorlib picks, not the span-based or
/// thread-safe variants it picks for .NET.
/// </summary>
internal sealed class OperationApiWalker
{
    private const string DisposeId = "M:System.IDisposable.Dispose";

    private readonly SemanticModel _model;
    private readonly ApiAvailabilityCheck _api;
    private readonly ViolationReport _report;
    private readonly StringConcatenationLowering _concatenation;

    public OperationApiWalker(SemanticModel model, ApiAvailabilityCheck api, ViolationReport report)
    {
        _model = model;
        _api = api;
        _report = report;
        _concatenation = new StringConcatenationLowering(api);
    }

    public void Walk(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes().Where(IsOperationRoot))
        {
            if (_model.GetOperation(node) is { } operation)
            {
                WalkOperation(operation);
            }
        }
    }

    private void WalkOperation(IOperation operation)
    {
        // A default the source left out is not written on nano either, where the overload may lack it.
        if (operation is IArgumentOperation { ArgumentKind: ArgumentKind.DefaultValue })
        {
            return;
        }

        Visit(operation);
        foreach (var child in operation.ChildOperations)
        {
            WalkOperation(child);
        }
    }

    // Bodies, expression bodies, initializers and attributes: the places that hold operations.
    // Roots never nest except where an attribute or parameter default sits inside a declaration,
    // which the method body operation does not cover.
    private static bool IsOperationRoot(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AttributeSyntax => true,
        ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax } => true,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } } => true,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax or EnumMemberDeclarationSyntax or ParameterSyntax } => true,
        _ => false,
    };

    private void Visit(IOperation operation)
    {
        var location = operation.Syntax.GetLocation();
        switch (operation)
        {
            case IInvocationOperation invocation:
                VisitInvocation(invocation);
                break;
            case IObjectCreationOperation creation:
                _api.RequireMember(
                    creation.Constructor,
                    MemberNameLocation(creation.Syntax),
                    omittedOptionalParameters: OmittedTrailingOptionals(creation.Constructor, creation.Arguments));
                break;
            case IPropertyReferenceOperation property:
                _api.RequireMember(property.Property, MemberNameLocation(property.Syntax), property.Instance?.Type);
                break;
            case IFieldReferenceOperation field:
                _api.RequireMember(field.Field, MemberNameLocation(field.Syntax), field.Instance?.Type);
                break;
            case IEventReferenceOperation @event:
                _api.RequireMember(@event.Event, MemberNameLocation(@event.Syntax), @event.Instance?.Type);
                break;
            case IMethodReferenceOperation method:
                _api.RequireMember(method.Method, MemberNameLocation(method.Syntax), method.Instance?.Type);
                break;
            case IBinaryOperation binary:
                _api.RequireMember(binary.OperatorMethod, location);
                _concatenation.Check(binary);
                RequireDelegateCombination(binary.OperatorKind, binary.OperatorMethod, binary.Type, location);
                break;
            case ICompoundAssignmentOperation compound:
                _api.RequireMember(compound.OperatorMethod, location);
                _api.RequireMember(compound.InConversion.MethodSymbol, location);
                _api.RequireMember(compound.OutConversion.MethodSymbol, location);
                _concatenation.Check(compound);
                RequireDelegateCombination(compound.OperatorKind, compound.OperatorMethod, compound.Target.Type, location);
                break;
            case IUnaryOperation unary:
                _api.RequireMember(unary.OperatorMethod, location);
                break;
            case IIncrementOrDecrementOperation step:
                _api.RequireMember(step.OperatorMethod, location);
                break;
            case IConversionOperation conversion:
                _api.RequireMember(conversion.OperatorMethod, location);
                break;
            case IForEachLoopOperation loop:
                VisitForEach(loop);
                break;
            case IUsingOperation or IUsingDeclarationOperation:
                _api.RequireDocId("T:System.IDisposable", location, "using");
                _api.RequireDocId(DisposeId, location, "using");
                break;
            case ILockOperation:
                _api.RequireDocId("M:System.Threading.Monitor.Enter(System.Object)", location, "lock");
                _api.RequireDocId("M:System.Threading.Monitor.Exit(System.Object)", location, "lock");
                break;
            case ISingleValueCaseClauseOperation { Value: { Type.SpecialType: SpecialType.System_String, ConstantValue.Value: string } }:
            case IConstantPatternOperation { InputType.SpecialType: SpecialType.System_String, Value.ConstantValue.Value: string }:
                _api.RequireDocId("M:System.String.op_Equality(System.String,System.String)", location, "a switch or pattern on a string");
                break;
            case ITypeOfOperation typeOf:
                _api.RequireType(typeOf.TypeOperand, location);
                _api.RequireDocId("M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)", location, "typeof");
                break;
        }

        _api.RequireType(operation.Type, location);
    }

    private void VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var location = MemberNameLocation(invocation.Syntax);
        _api.RequireMember(
            method,
            location,
            invocation.Instance?.Type,
            omittedOptionalParameters: OmittedTrailingOptionals(method, invocation.Arguments));

        if (method.IsGenericMethod && method.MethodKind != MethodKind.LocalFunction)
        {
            _report.Add(
                NanoRules.GenericUsage,
                location,
                $"call to generic method {method.Name}<{string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString()))}> " +
                "(type arguments inferred): nanoFramework 1.17 has no generic methods");
        }

        if ((method.ReducedFrom ?? method).ContainingNamespace?.ToDisplayString() == "System.Linq")
        {
            _report.Add(NanoRules.Linq, location, $"LINQ method {method.Name}: nanoFramework 1.17 has no System.Linq; write a loop");
        }
    }

    private void VisitForEach(IForEachLoopOperation loop)
    {
        if (loop.Syntax is not CommonForEachStatementSyntax syntax)
        {
            return;
        }

        var location = syntax.ForEachKeyword.GetLocation();
        var collectionType = _model.GetTypeInfo(syntax.Expression).Type;
        switch (collectionType)
        {
            case IArrayTypeSymbol:
                // Arrays lower to an index loop: nothing to call.
                return;
            case { SpecialType: SpecialType.System_String }:
                _api.RequireDocId("P:System.String.Length", location, "foreach over a string");
                _api.RequireDocId("P:System.String.Chars(System.Int32)", location, "foreach over a string");
                return;
        }

        var info = _model.GetForEachStatementInfo(syntax);
        var enumeratorType = info.GetEnumeratorMethod?.ReturnType;
        _api.RequireMember(info.GetEnumeratorMethod, location, collectionType, "foreach");
        _api.RequireMember(info.MoveNextMethod, location, enumeratorType, "foreach");
        _api.RequireMember(info.CurrentProperty, location, enumeratorType, "foreach");
        if (info.ElementConversion.IsUserDefined)
        {
            _api.RequireMember(info.ElementConversion.MethodSymbol, location, purpose: "foreach");
        }

        if (info.DisposeMethod is not null)
        {
            _api.RequireMember(info.DisposeMethod, location, enumeratorType, "foreach");
        }
        else if (enumeratorType is { IsSealed: false } or { TypeKind: TypeKind.Interface })
        {
            // An enumerator that may be disposable at run time is tested with 'as IDisposable'.
            _api.RequireDocId(DisposeId, location, "foreach");
        }
    }

    // Delegate + and - (not event += and -=) lower to Delegate.Combine and Delegate.Remove.
    private void RequireDelegateCombination(BinaryOperatorKind kind, IMethodSymbol? operatorMethod, ITypeSymbol? type, Location location)
    {
        if (operatorMethod is not null || type?.TypeKind != TypeKind.Delegate)
        {
            return;
        }

        if (kind == BinaryOperatorKind.Add)
        {
            _api.RequireDocId("M:System.Delegate.Combine(System.Delegate,System.Delegate)", location, "delegate +");
        }
        else if (kind == BinaryOperatorKind.Subtract)
        {
            _api.RequireDocId("M:System.Delegate.Remove(System.Delegate,System.Delegate)", location, "delegate -");
        }
    }

    private static int OmittedTrailingOptionals(IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (method is null)
        {
            return 0;
        }

        var defaulted = arguments
            .Where(argument => argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter is not null)
            .Select(argument => argument.Parameter!.Ordinal)
            .ToHashSet();
        var omitted = 0;
        for (var ordinal = method.Parameters.Length - 1; ordinal >= 0 && defaulted.Contains(ordinal); ordinal--)
        {
            omitted++;
        }

        return omitted;
    }

    // Reports land on the member's name ("WriteLine" in Console.WriteLine(x)), where a reader looks.
    private static Location MemberNameLocation(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax invocation => MemberNameLocation(invocation.Expression),
        MemberAccessExpressionSyntax access => access.Name.GetLocation(),
        MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
        ObjectCreationExpressionSyntax creation => creation.Type.GetLocation(),
        ConstructorInitializerSyntax initializer => initializer.ThisOrBaseKeyword.GetLocation(),
        _ => syntax.GetLocation(),
    };
}
