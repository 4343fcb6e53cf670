using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// Three-way merge of the draft onto the current version. Clean (or settled by the resolutions sent): the
/// draft and base move, approvals are dismissed. Otherwise the conflicts come back and nothing changes.
/// </summary>
[RequiresPermission(Permissions.Proposals.Edit)]
public sealed record RebaseProposalCommand(Guid ProposalId, RebaseRequest Request, int? ExpectedRevision = null) : ICommand<RebaseResponse>;

internal sealed class RebaseProposalValidator : AbstractValidator<RebaseProposalCommand>
{
    public RebaseProposalValidator() =>
        RuleForEach(c => c.Request.Resolutions)
            .Must(r => TryChoice(r.Value, out _))
            .OverridePropertyName("/resolutions")
            .WithErrorCode("rebase.choice_unknown")
            .WithMessage("Each resolution is one of ours, theirs, base.");

    public static bool TryChoice(string? value, out ConflictChoice choice) =>
        Enum.TryParse(value, ignoreCase: true, out choice) && Enum.IsDefined(choice) && !int.TryParse(value, out _);
}

internal sealed class RebaseProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<RebaseProposalCommand, RebaseResponse>
{
    public async ValueTask<RebaseResponse> Handle(RebaseProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var proposal = state.Proposal;
        if (!proposal.IsStale(state.CurrentVersion.Number))
            return new RebaseResponse(true, state.ToDto(), []);

        var merge = DocumentMerge.Merge(state.BaseDocument, state.CurrentDocument, state.Draft);
        if (command.Request.Resolutions is { Count: > 0 } resolutions)
            merge = Resolve(merge, resolutions);
        if (!merge.IsClean)
            return new RebaseResponse(false, null, merge.Conflicts.Select(c => c.ToDto()).ToList());

        var merged = merge.Document ?? throw Invalid("The merged draft does not read as a playbook document.");
        if (PlaybookValidation.Validate(merged) is { Count: > 0 } problems)
            throw Invalid($"The merged draft is not valid: {problems[0].Path} {problems[0].Message}");

        var before = state.AuditSnapshot();
        var changed = DocumentDiff.Compare(state.Draft, merged).Select(c => c.Path).ToList();
        proposal.Rebase(state.CurrentVersion.Number, PlaybookJson.Serialize(merged), clock.GetUtcNow());
        audit.Record("proposal.rebased", "Proposal", proposal.Id.ToString(), before,
            new { proposal.Status, proposal.Revision, proposal.BaseVersionNumber, Resolutions = command.Request.Resolutions });
        live.Publish(new ProposalUpdatedData(changed, proposal.BaseVersionNumber), actor.UserId, proposal.Id.ToString(), proposal.Revision);
        await db.SaveChangesAsync(cancellationToken);
        return new RebaseResponse(true, state.ToDto(), []);
    }

    private static MergeResult Resolve(MergeResult merge, IReadOnlyDictionary<string, string> resolutions)
    {
        var choices = new Dictionary<string, ConflictChoice>(StringComparer.Ordinal);
        foreach (var (path, value) in resolutions)
        {
            RebaseProposalValidator.TryChoice(value, out var choice);
            choices[path] = choice;
        }
        try
        {
            return merge.Resolve(choices);
        }
        catch (ArgumentException ex)
        {
            throw new ValidationException([new ValidationFailure("/resolutions", ex.Message) { ErrorCode = "rebase.no_such_conflict" }]);
        }
    }

    private static ConflictException Invalid(string message) => new("proposal.rebase_invalid", message);
}
