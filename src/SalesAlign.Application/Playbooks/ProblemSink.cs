using FluentValidation;
using FluentValidation.Results;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Playbooks;

/// <summary>
/// Where the checkers report. Failures carry the JSON Pointer as PropertyName so that FluentValidation's
/// own consumers (the validation pipeline behaviour, problem details) see the same paths as the UI.
/// </summary>
internal sealed class ProblemSink(ValidationContext<PlaybookDocument> context)
{
    public void Add(string path, string code, string message) =>
        context.AddFailure(new ValidationFailure(path, message) { ErrorCode = code });
}
