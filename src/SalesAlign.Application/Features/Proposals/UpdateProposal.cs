using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common.Validation;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// A new title, rationale and/or draft, based on <c>ExpectedRevision</c> (the client's If-Match). The draft comes
/// whole (<c>Request.Document</c>) or as a JSON Patch (<paramref name="DraftPatch"/>, RFC 6902) of the draft at that
/// revision, which a co-editing client sends so as not to overwrite what it did not touch.
/// </summary>
[RequiresPermission(Permissions.Proposals.Edit)]
public sealed record UpdateProposalCommand(Guid ProposalId, int ExpectedRevision, UpdateProposalRequest Request, IReadOnlyList<JsonPatchOperation>? DraftPatch = null)
    : ICommand<UpdateProposalResult>;

/// <summary>The proposal after the edit, and the draft paths that changed (for the <c>proposalUpdated</c> event).</summary>
public sealed record UpdateProposalResult(ProposalDto Proposal, IReadOnlyList<string> ChangedPaths);

internal sealed class UpdateProposalValidator : AbstractValidator<UpdateProposalCommand>
{
    public UpdateProposalValidator()
    {
        RuleFor(c => c.ExpectedRevision).GreaterThan(0).OverridePropertyName("/ifMatch");
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(200).When(c => c.Request.Title is not null).OverridePropertyName("/title");
        RuleFor(c => c.Request.Rationale).MaximumLength(4000).OverridePropertyName("/rationale");
        // The document's own rules need the parsed document; the handler checks them once, after building it.
        RuleFor(c => c.Request.Document)
            .Must(d => d is not { } element || element.ValueKind == JsonValueKind.Object)
            .WithErrorCode("document.malformed").WithMessage("The document must be a JSON object.")
            .OverridePropertyName("/document");
        RuleFor(c => c.DraftPatch)
            .Null().When(c => c.Request.Document is not null)
            .WithMessage("Send the whole draft or a JSON Patch of it, not both.")
            .OverridePropertyName("/document");
        RuleFor(c => c.DraftPatch!.Count).LessThanOrEqualTo(MaxPatchOperations).When(c => c.DraftPatch is not null)
            .OverridePropertyName("/patch");
    }

    public const int MaxPatchOperations = 1000;
}

/// <summary>
/// The edit path as one use case: loads the proposal once, builds the new draft (whole, or the patch applied to
/// the stored draft), parses and checks it once, and diffs it against the old draft once.
/// </summary>
internal sealed class UpdateProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<UpdateProposalCommand, UpdateProposalResult>
{
    public async ValueTask<UpdateProposalResult> Handle(UpdateProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var proposal = state.Proposal;
        var before = state.AuditSnapshot();
        var oldDraft = proposal.DraftJson;

        var edit = NewDraft(oldDraft, command);
        proposal.Edit(command.Request.Title?.Trim(), command.Request.Rationale, edit?.Json, clock.GetUtcNow());
        IReadOnlyList<string> changed = edit is null || edit.Json == oldDraft ? [] : [.. edit.ChangesFrom(oldDraft).Select(c => c.Path)];
        if (edit is not null)
            state.DraftIs(edit.Json, edit.Document);

        audit.Record("proposal.updated", "Proposal", proposal.Id.ToString(), before, new { proposal.Status, proposal.Revision, proposal.Title, ChangedPaths = changed });
        live.Publish(new ProposalUpdatedData(changed), actor.UserId, proposal.Id.ToString(), proposal.Revision);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Another editor landed between our read and our write: the client's If-Match is stale now.
            throw new PreconditionFailedException("Proposal", command.ExpectedRevision, command.ExpectedRevision + 1, ex);
        }
        return new UpdateProposalResult(state.ToDto(), changed);
    }

    private static DraftEdit? NewDraft(string oldDraft, UpdateProposalCommand command)
    {
        if (command.Request.Document is { } document)
            return DraftEdit.Read(Encoding.UTF8.GetBytes(document.GetRawText()), oldTree: null);
        if (command.DraftPatch is not { } patch)
            return null;
        // The patch applies to the draft of the revision the client named (checked above), never to a newer one.
        var oldTree = JsonNode.Parse(oldDraft)!;
        var patched = JsonPatch.Apply(oldTree, patch);
        return DraftEdit.Read(JsonSerializer.SerializeToUtf8Bytes(patched), oldTree);
    }

    /// <summary>The new draft, parsed and checked once, in its stored form.</summary>
    private sealed record DraftEdit(PlaybookDocument Document, string Json, JsonNode? OldTree)
    {
        public static DraftEdit Read(ReadOnlySpan<byte> utf8, JsonNode? oldTree)
        {
            var document = DocumentRules.ParseOrRefuse(utf8);
            return new DraftEdit(document, PlaybookJson.Serialize(document), oldTree);
        }

        /// <summary>What this edit changed, old draft against new, as the co-editors' event names it.</summary>
        public IReadOnlyList<DocumentChange> ChangesFrom(string oldDraft) =>
            DocumentDiff.Compare(OldTree ?? JsonNode.Parse(oldDraft), PlaybookJson.ToNode(Document));
    }
}
