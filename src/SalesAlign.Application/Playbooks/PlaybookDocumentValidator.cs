using FluentValidation;
using FluentValidation.Results;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Playbooks;

/// <summary>A problem with a document: where (JSON Pointer), a stable code, and what a person should fix.</summary>
public sealed record DocumentValidationProblem(string Path, string Code, string Message);

/// <summary>
/// Checks that a parsed document means something: every reference declared, every comparison fitting its
/// field's type, grade bands tiling the number line, exactly one hand-off, no absurd numbers. Reports every
/// problem at once, each at its JSON Pointer with a stable error code.
/// </summary>
public sealed class PlaybookDocumentValidator : AbstractValidator<PlaybookDocument>
{
    public PlaybookDocumentValidator() =>
        RuleFor(d => d).Custom((document, context) =>
        {
            foreach (var p in new DocumentChecker(document).Check())
                context.AddFailure(new ValidationFailure(p.Path, p.Message) { ErrorCode = p.Code });
        });
}

public static class PlaybookValidation
{
    private static readonly PlaybookDocumentValidator Validator = new();

    public static IReadOnlyList<DocumentValidationProblem> Validate(PlaybookDocument document) =>
        Validator.Validate(document).Errors.Select(e => new DocumentValidationProblem(e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToList();

    /// <summary>Parses and validates: the document, or every problem (a parse failure is one problem with its path).</summary>
    public static (PlaybookDocument? Document, IReadOnlyList<DocumentValidationProblem> Problems) ParseAndValidate(string json)
    {
        var parsed = PlaybookJson.Parse(json);
        if (parsed.Document is not { } document)
            return (null, [new DocumentValidationProblem(parsed.Problem!.Path, "document.malformed", parsed.Problem.Message)]);
        var problems = Validate(document);
        return (problems.Count == 0 ? document : null, problems);
    }
}
