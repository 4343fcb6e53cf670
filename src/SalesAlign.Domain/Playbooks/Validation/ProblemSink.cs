namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>
/// Where the checkers report, in the order they find things: each problem at its JSON Pointer with a stable
/// code. The FluentValidation adapter in Application turns each one into a failure (PropertyName = path).
/// </summary>
internal sealed class ProblemSink
{
    private readonly List<DocumentValidationProblem> _problems = [];

    public IReadOnlyList<DocumentValidationProblem> Problems => _problems;

    public void Add(string path, string code, string message) => _problems.Add(new DocumentValidationProblem(path, code, message));
}
