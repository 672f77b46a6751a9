using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Checks every name written in the source: types anywhere (declarations, base lists, casts, catch
/// clauses, typeof), members, attributes, and the namespaces of using directives. Names
/// are checked even where nothing runs (nameof), because nano's compiler must still resolve them.
/// </summary>
internal sealed class ReferencedNameWalker : CSharpSyntaxWalker
{
    private readonly SemanticModel _model;
    private readonly ApiAvailabilityCheck _api;

    public ReferencedNameWalker(SemanticModel model, ApiAvailabilityCheck api)
    {
        _model = model;
        _api = api;
    }

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        // The type behind 'var' is checked where its value is made, which is where a fix goes.
        if (!node.IsVar)
        {
            CheckName(node);
        }

        base.VisitIdentifierName(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        CheckName(node);
        base.VisitGenericName(node);
    }

    public override void VisitPredefinedType(PredefinedTypeSyntax node)
    {
        _api.RequireType(_model.GetTypeInfo(node).Type, node.GetLocation());
        base.VisitPredefinedType(node);
    }

    // Tuple and nullable-value-type syntax names generic framework types without writing their names.
    public override void VisitTupleType(TupleTypeSyntax node)
    {
        _api.RequireType(_model.GetTypeInfo(node).Type, node.GetLocation());
        base.VisitTupleType(node);
    }

    public override void VisitNullableType(NullableTypeSyntax node)
    {
        _api.RequireType(_model.GetTypeInfo(node).Type, node.GetLocation());
        base.VisitNullableType(node);
    }

    public override void VisitAttribute(AttributeSyntax node)
    {
        _api.RequireMember(_model.GetSymbolInfo(node).Symbol, node.Name.GetLocation());
        base.VisitAttribute(node);
    }

    private void CheckName(SimpleNameSyntax node)
    {
        var info = _model.GetSymbolInfo(node);
        if (info.Symbol is null && info.CandidateReason == CandidateReason.MemberGroup)
        {
            _api.RequireAnyMember(info.CandidateSymbols, node.GetLocation(), ReceiverType(node));
            return;
        }

        var symbol = info.Symbol;
        if (symbol is IAliasSymbol alias)
        {
            symbol = alias.Target;
        }

        switch (symbol)
        {
            case ITypeSymbol type:
                _api.RequireType(type, node.GetLocation());
                break;
            case INamespaceSymbol ns when node.FirstAncestorOrSelf<UsingDirectiveSyntax>() is not null:
                _api.RequireNamespace(ns, node.GetLocation());
                break;
            // Calls are checked by the operation walker, which knows which arguments were left to defaults.
            case IMethodSymbol when IsCallee(node):
                break;
            case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol:
                _api.RequireMember(symbol, node.GetLocation(), ReceiverType(node));
                break;
        }
    }

    private static bool IsCallee(SimpleNameSyntax node)
    {
        SyntaxNode callee = node.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == node => access,
            MemberBindingExpressionSyntax binding when binding.Name == node => binding,
            _ => node,
        };
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
    }

    private ITypeSymbol? ReceiverType(SimpleNameSyntax node)
    {
        if (node.Parent is not MemberAccessExpressionSyntax access || access.Name != node)
        {
            return null;
        }

        return _model.GetTypeInfo(access.Expression).Type
            ?? _model.GetSymbolInfo(access.Expression).Symbol as ITypeSymbol;
    }
}
