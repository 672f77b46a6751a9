using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Language features C# 9 accepts but nanoFramework 1.17 cannot run, because they lower to generic
/// types, Task machinery or runtime support that nano's mscorlib does not have.
/// </summary>
internal sealed class FirmwareSyntaxRules : CSharpSyntaxWalker
{
    private const string NoGenerics =
        "nanoFramework 1.17 has no generic types or methods; its mscorlib declares only Action<T>, Action<T1,T2>, " +
        "Func<T>, Func<T1,T2>, Func<T1,T2,T3> and EventHandler<T>, and whether 1.x firmware images run those is " +
        "unknown, so firmware uses none (use object, ArrayList, Hashtable or a non-generic delegate)";

    private static readonly HashSet<string> SpanTypeNames = new(StringComparer.Ordinal)
    {
        "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory",
    };

    private readonly SemanticModel _model;
    private readonly ViolationReport _report;

    public FirmwareSyntaxRules(SemanticModel model, ViolationReport report)
        : base(SyntaxWalkerDepth.StructuredTrivia)
    {
        _model = model;
        _report = report;
    }

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        var declared = node.Parent switch
        {
            BaseTypeDeclarationSyntax type => type.Identifier.Text,
            MethodDeclarationSyntax method => method.Identifier.Text,
            LocalFunctionStatementSyntax local => local.Identifier.Text,
            DelegateDeclarationSyntax @delegate => @delegate.Identifier.Text,
            _ => string.Empty,
        };
        Report(node, NanoRules.GenericDeclaration, $"generic declaration {declared}{node}: {NoGenerics}");
        base.VisitTypeParameterList(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        if (SpanTypeNames.Contains(node.Identifier.Text))
        {
            Report(node, NanoRules.Span, $"{node}: nanoFramework 1.17 has no Span<T> or Memory<T>; pass byte[] with offset and count");
        }
        else
        {
            Report(node, NanoRules.GenericUsage, $"generic type or method {node}: {NoGenerics}");
        }

        base.VisitGenericName(node);
    }

    public override void VisitToken(SyntaxToken token)
    {
        if (token.IsKind(SyntaxKind.AsyncKeyword) || token.IsKind(SyntaxKind.AwaitKeyword))
        {
            _report.Add(
                NanoRules.AsyncAwait,
                token.GetLocation(),
                $"'{token.Text}': nanoFramework 1.17 has no Task or async state machines; use a Thread, a Timer or events");
        }

        base.VisitToken(token);
    }

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        Report(node, NanoRules.Linq, "LINQ query syntax: nanoFramework 1.17 has no System.Linq; write a loop");
        base.VisitQueryExpression(node);
    }

    public override void VisitUsingDirective(UsingDirectiveSyntax node)
    {
        var name = node.Name?.ToString() ?? string.Empty;
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            Report(node, NanoRules.Linq, $"using {name}: nanoFramework 1.17 has no System.Linq; write a loop");
        }

        base.VisitUsingDirective(node);
    }

    public override void VisitTupleType(TupleTypeSyntax node)
    {
        Report(node, NanoRules.Tuple, $"tuple type {node}: tuples are generic System.ValueTuple, which nanoFramework 1.17 lacks; use a small class or out parameters");
        base.VisitTupleType(node);
    }

    public override void VisitTupleExpression(TupleExpressionSyntax node)
    {
        Report(node, NanoRules.Tuple, "tuple literal: tuples are generic System.ValueTuple, which nanoFramework 1.17 lacks; use a small class or out parameters");
        base.VisitTupleExpression(node);
    }

    public override void VisitParenthesizedVariableDesignation(ParenthesizedVariableDesignationSyntax node)
    {
        Report(node, NanoRules.Tuple, "deconstruction: it needs tuples or Deconstruct patterns nanoFramework 1.17 lacks; use out parameters");
        base.VisitParenthesizedVariableDesignation(node);
    }

    public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        Report(node, NanoRules.Record, $"record {node.Identifier.Text}: records need IEquatable<T> and EqualityComparer<T>, which nanoFramework 1.17 lacks; write a sealed class");
        base.VisitRecordDeclaration(node);
    }

    public override void VisitStructDeclaration(StructDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            Report(node, NanoRules.Span, $"ref struct {node.Identifier.Text}: nanoFramework 1.17 has no ref structs; use a class or a plain struct");
        }

        base.VisitStructDeclaration(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        Report(node, NanoRules.Span, "stackalloc: nanoFramework 1.17 has no Span<T> or stack allocation; allocate a byte[] once and reuse it");
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitImplicitStackAllocArrayCreationExpression(ImplicitStackAllocArrayCreationExpressionSyntax node)
    {
        Report(node, NanoRules.Span, "stackalloc: nanoFramework 1.17 has no Span<T> or stack allocation; allocate a byte[] once and reuse it");
        base.VisitImplicitStackAllocArrayCreationExpression(node);
    }

    public override void VisitNullableType(NullableTypeSyntax node)
    {
        Report(node, NanoRules.NullableAnnotation, $"nullable annotation {node}: firmware builds without nullable annotations and nanoFramework 1.17 has no System.Nullable<T>; use a sentinel value or a flag");
        base.VisitNullableType(node);
    }

    public override void VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.SuppressNullableWarningExpression))
        {
            Report(node.OperatorToken, NanoRules.NullableAnnotation, "null-forgiving '!': firmware builds without nullable annotations");
        }

        base.VisitPostfixUnaryExpression(node);
    }

    public override void VisitNullableDirectiveTrivia(NullableDirectiveTriviaSyntax node)
    {
        Report(node, NanoRules.NullableAnnotation, "#nullable: firmware builds without nullable annotations");
        base.VisitNullableDirectiveTrivia(node);
    }

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        if (node.Identifier.Text == "dynamic" && _model.GetTypeInfo(node).Type?.TypeKind == TypeKind.Dynamic)
        {
            Report(node, NanoRules.Dynamic, "dynamic: nanoFramework 1.17 has no dynamic binder");
        }

        base.VisitIdentifierName(node);
    }

    public override void VisitInterpolatedStringExpression(InterpolatedStringExpressionSyntax node)
    {
        Report(node, NanoRules.InterpolatedString, "interpolated string: on .NET it lowers to generic DefaultInterpolatedStringHandler.AppendFormatted<T>, not what nanoFramework compiles; use concatenation (\"a\" + b) instead");
        base.VisitInterpolatedStringExpression(node);
    }

    public override void VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        if (node.IsKind(SyntaxKind.InitAccessorDeclaration))
        {
            Report(node, NanoRules.InitAccessor, "init accessor: firmware sets such values in a constructor; use a get-only property or a private set");
        }

        base.VisitAccessorDeclaration(node);
    }

    public override void VisitWithExpression(WithExpressionSyntax node)
    {
        Report(node.WithKeyword, NanoRules.WithExpression, "with expression: it needs records or struct copying support firmware does not use; copy the fields explicitly");
        base.VisitWithExpression(node);
    }

    public override void VisitAnonymousObjectCreationExpression(AnonymousObjectCreationExpressionSyntax node)
    {
        Report(node, NanoRules.AnonymousType, "anonymous type: the compiler makes it a generic class, and nanoFramework 1.17 has no generics; declare a small class");
        base.VisitAnonymousObjectCreationExpression(node);
    }

    private void Report(SyntaxNode node, string rule, string message) => _report.Add(rule, node.GetLocation(), message);

    private void Report(SyntaxToken token, string rule, string message) => _report.Add(rule, token.GetLocation(), message);
}
