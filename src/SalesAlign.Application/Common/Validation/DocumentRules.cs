using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Common.Validation;

public static class DocumentRules
{
    /// <summary>
    /// Reports every problem of a playbook document sent in a request, each at its JSON Pointer under the
    /// request's property (<c>/document/icp/criteria/2/points</c>), so a client can point at the exact field.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement?> MustBeValidPlaybook<T>(this IRuleBuilder<T, JsonElement?> rule, string prefix = "/document") =>
        rule.Custom((document, context) =>
        {
            if (document is not { } element)
                return;
            foreach (var problem in Check(element))
                context.AddFailure(new ValidationFailure(prefix + problem.Path, problem.Message) { ErrorCode = problem.Code });
        });

    public static IReadOnlyList<DocumentValidationProblem> Check(JsonElement element) =>
        element.ValueKind != JsonValueKind.Object
            ? [new DocumentValidationProblem("", "document.malformed", "The document must be a JSON object.")]
            : PlaybookValidation.ParseAndValidate(element.GetRawText()).Problems;

    /// <summary>
    /// For a handler that builds the document itself (e.g. by applying a JSON Patch to the stored draft): the
    /// document, parsed and checked once, or the same 400 the validator gives, each problem under <paramref name="prefix"/>.
    /// </summary>
    public static PlaybookDocument ParseOrRefuse(ReadOnlySpan<byte> utf8, string prefix = "/document")
    {
        var result = PlaybookValidation.ParseAndValidate(utf8);
        if (result.Problems.Count > 0 || result.Document is null)
            throw new ValidationException(result.Problems.Select(p => new ValidationFailure(prefix + p.Path, p.Message) { ErrorCode = p.Code }));
        return result.Document;
    }

    /// <summary>For handlers, after the validator passed: the document, parsed.</summary>
    public static PlaybookDocument ParseValidated(JsonElement element) =>
        PlaybookJson.Parse(element.GetRawText()).Document
        ?? throw new InvalidOperationException("The validator should have refused this document.");
}
