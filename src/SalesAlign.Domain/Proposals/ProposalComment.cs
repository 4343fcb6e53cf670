using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Proposals;

/// <summary>A remark on a proposal, optionally anchored to a JSON Pointer in its draft (e.g. <c>/icp/criteria/2/points</c>).</summary>
public sealed class ProposalComment : ITenantOwned, IInsertOnly
{
    /// <summary>Long enough for a paragraph of reasoning; longer belongs in the rationale.</summary>
    public const int MaxBodyLength = 4000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid ProposalId { get; init; }

    public required string AuthorId { get; init; }

    public required string Body { get; init; }

    public string? Path { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
