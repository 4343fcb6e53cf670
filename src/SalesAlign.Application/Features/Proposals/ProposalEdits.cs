using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// Builds the whole-draft edit for clients that speak Contracts only, such as the web UI: the command's constructor
/// also names the domain's JSON Patch operation type, which a client that sends the whole draft has no use for and
/// should not compile against (decision 0048). The PATCH route builds the patch form itself.
/// </summary>
public static class ProposalEdits
{
    public static UpdateProposalCommand WholeDraft(Guid proposalId, int expectedRevision, UpdateProposalRequest request) =>
        new(proposalId, expectedRevision, request);
}
