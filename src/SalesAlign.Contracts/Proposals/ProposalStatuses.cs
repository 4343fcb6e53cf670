namespace SalesAlign.Contracts.Proposals;

/// <summary>A proposal's <c>status</c> on the wire (answers, <c>?status=</c>, events): camelCase, like every enum value.</summary>
public static class ProposalStatuses
{
    public const string Draft = "draft";
    public const string InReview = "inReview";
    public const string ChangesRequested = "changesRequested";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Draft, InReview, ChangesRequested, Approved, Published, Withdrawn, Rejected];

    /// <summary>Still in the workflow: can be edited, reviewed or withdrawn.</summary>
    public static bool IsOpen(string status) => status is Draft or InReview or ChangesRequested or Approved;
}
