using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// A proposal with what its rules need: its playbook, the version it started from and the version in force.
/// The approval policy is always the current version's, never the draft's own.
/// </summary>
internal sealed record ProposalState(Proposal Proposal, Playbook Playbook, PlaybookVersion BaseVersion, PlaybookVersion CurrentVersion)
{
    public PlaybookDocument BaseDocument => _base ??= PublishedDocuments.Read(BaseVersion);

    public PlaybookDocument CurrentDocument => _current ??= CurrentVersion.Number == BaseVersion.Number ? BaseDocument : PublishedDocuments.Read(CurrentVersion);

    private PlaybookDocument? _base;
    private PlaybookDocument? _current;

    public PlaybookDocument Draft => Parsed().Draft;

    public ApprovalSection? Policy => CurrentDocument.Approval;

    /// <summary>The team the author signs off for by proposing (see <see cref="ApprovalPolicy"/>), from their current membership.</summary>
    public MemberTeam? AuthorSignOff { get; private init; }

    public IReadOnlyList<DocumentChange> Changes() => Parsed().Changes.Value;

    // A command reads the draft and its diff several times (the review, then the answer's missing approvals);
    // parse and diff once per draft text, and again only if the command replaced the draft.
    private (string Json, PlaybookDocument Draft, Lazy<IReadOnlyList<DocumentChange>> Changes)? _parsed;

    private (string Json, PlaybookDocument Draft, Lazy<IReadOnlyList<DocumentChange>> Changes) Parsed()
    {
        if (_parsed is not { } cached || !ReferenceEquals(cached.Json, Proposal.DraftJson))
        {
            var draft = PlaybookMapping.ReadDocument(Proposal.DraftJson);
            _parsed = cached = (Proposal.DraftJson, draft, new Lazy<IReadOnlyList<DocumentChange>>(() => DocumentDiff.Compare(BaseDocument, draft)));
        }
        return cached;
    }

    /// <summary>A command that replaced the draft and already holds it parsed: no second parse of the same text.</summary>
    public void DraftIs(string json, PlaybookDocument document)
    {
        if (!ReferenceEquals(json, Proposal.DraftJson))
            throw new InvalidOperationException("The proposal holds another draft than the one given.");
        _parsed = (json, document, new Lazy<IReadOnlyList<DocumentChange>>(() => DocumentDiff.Compare(BaseDocument, document)));
    }

    public IReadOnlyCollection<string> ChangedPaths() => [.. Changes().Select(c => c.Path)];

    /// <summary>The changed paths the approval policy reads: none when it has no section owners (no diff is done then).</summary>
    public IReadOnlyCollection<string> PathsForPolicy() => ApprovalPolicy.DependsOnChangedPaths(Policy) ? ChangedPaths() : [];

    /// <summary>Loads a proposal of the current tenant (another tenant's is simply not found), tracked for writes.</summary>
    public static async Task<ProposalState> LoadAsync(IAppDbContext db, Guid proposalId, bool tracking, CancellationToken ct)
    {
        var proposals = tracking ? db.Proposals : db.Proposals.AsNoTracking();
        var proposal = await proposals.Include(p => p.Reviews).FirstOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw new NotFoundException("Proposal", proposalId);
        var playbooks = tracking ? db.Playbooks : db.Playbooks.AsNoTracking();
        var playbook = await playbooks.FirstAsync(p => p.Id == proposal.PlaybookId, ct);
        var current = playbook.CurrentVersionNumber ?? throw new InvalidOperationException("A playbook with proposals has a current version.");
        var numbers = new[] { proposal.BaseVersionNumber, current };
        var versions = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbook.Id && numbers.Contains(v.Number))
            .ToListAsync(ct);
        var author = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == proposal.AuthorId, ct);
        return new ProposalState(proposal, playbook,
            versions.Single(v => v.Number == proposal.BaseVersionNumber), versions.Single(v => v.Number == current))
        {
            AuthorSignOff = author is null ? null : ApprovalPolicy.AuthorSignOff(author.Team, author.Role),
        };
    }

    /// <summary>A stale If-Match is refused before anything changes (412), with the revision to reload.</summary>
    public void EnsureRevision(int? expected)
    {
        if (expected is { } e && e != Proposal.Revision)
            throw new PreconditionFailedException("Proposal", e, Proposal.Revision);
    }

    public ProposalDto ToDto()
    {
        var p = Proposal;
        var missing = p.IsOpen
            ? ApprovalPolicy.Evaluate(Policy, p.Reviews, PathsForPolicy(), AuthorSignOff).Missing
                .Select(m => new MissingApprovalDto(WireName.Of(m.Team), m.Required, m.Given, m.Reason)).ToList()
            : [];
        var reviews = p.Reviews.OrderBy(r => r.At).ThenBy(r => r.DraftRevision)
            .Select(r => new ReviewDto(r.Id, r.ReviewerId, WireName.Of(r.Team), WireName.Of(r.Decision), r.Comment, r.At, r.DraftRevision, r.Dismissed))
            .ToList();
        return new ProposalDto(p.Id, p.PlaybookId, p.Title, p.Rationale, p.BaseVersionNumber,
            p.IsOpen && p.IsStale(CurrentVersion.Number), WireName.Of(p.Status), p.Revision, p.AuthorId, p.CreatedAt, p.UpdatedAt,
            p.PublishedVersionNumber, PlaybookMapping.ToElement(p.DraftJson), reviews, missing);
    }

    /// <summary>What the audit log keeps of a proposal: its state, not its (large) draft.</summary>
    public object AuditSnapshot() => new { Proposal.Status, Proposal.Revision, Proposal.Title, Proposal.BaseVersionNumber };
}
