using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>
/// One problem in a playbook document: where (JSON Pointer, e.g. <c>/icp/criteria/2/points</c>), what kind
/// (a stable code from <see cref="PlaybookErrorCodes"/>) and a message written for the people who edit it.
/// </summary>
public sealed record DocumentValidationProblem(string Path, string Code, string Message)
{
    public DocumentProblem ToDocumentProblem() => new(Path, Message);
}

/// <summary>The outcome of reading and validating a document: the document when it could be read, and every problem found.</summary>
public sealed record PlaybookValidationResult(PlaybookDocument? Document, IReadOnlyList<DocumentValidationProblem> Problems)
{
    public bool IsValid => Document is not null && Problems.Count == 0;
}
