using FluentValidation;
using FluentValidation.Results;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Validation;

namespace SalesAlign.Application.Playbooks;

/// <summary>
/// The FluentValidation face of <see cref="PlaybookDocumentChecker"/> (Domain), for the validation pipeline and
/// anything else that composes validators: each problem becomes one failure with the JSON Pointer as its
/// PropertyName and the stable code as its ErrorCode, in the order the checker found them.
/// </summary>
public sealed class PlaybookDocumentValidator : AbstractValidator<PlaybookDocument>
{
    public PlaybookDocumentValidator()
    {
        RuleFor(d => d).Custom((document, context) =>
        {
            foreach (var problem in PlaybookDocumentChecker.Check(document))
                context.AddFailure(new ValidationFailure(problem.Path, problem.Message) { ErrorCode = problem.Code });
        });
    }
}
