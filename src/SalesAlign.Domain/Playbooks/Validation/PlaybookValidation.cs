using System.Text;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>One call for callers that want the problems of a document (or of its JSON) as a list.</summary>
public static class PlaybookValidation
{
    public static IReadOnlyList<DocumentValidationProblem> Validate(PlaybookDocument document) =>
        PlaybookDocumentChecker.Check(document);

    public static PlaybookValidationResult ParseAndValidate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseAndValidate(Encoding.UTF8.GetBytes(json));
    }

    /// <remarks>
    /// The reader stops at the first thing it cannot read, so a document that does not parse yields exactly
    /// one problem; one that parses yields every validation problem.
    /// </remarks>
    public static PlaybookValidationResult ParseAndValidate(ReadOnlySpan<byte> utf8)
    {
        var parsed = PlaybookJson.Parse(utf8);
        if (parsed.Document is not { } document)
        {
            var problem = parsed.Problem ?? new DocumentProblem("", "The document could not be read.");
            return new PlaybookValidationResult(null, [new DocumentValidationProblem(problem.Path, PlaybookErrorCodes.JsonInvalid, problem.Message)]);
        }
        return new PlaybookValidationResult(document, Validate(document));
    }
}
