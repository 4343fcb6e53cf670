using System.Text.Json;
using System.Text.Json.Nodes;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Web.Tests;

/// <summary>Proposals over the sample playbook, as the API would return them.</summary>
internal static class Drafts
{
    public static JsonObject SampleDocument() =>
        (JsonObject)JsonNode.Parse(SamplePlaybooks.B2BSaasJson)!;

    public static ProposalDto Proposal(JsonObject? draft = null, int revision = 1, string status = "draft") => new(
        Guid.Parse("11111111-1111-1111-1111-111111111111"), Guid.Parse("22222222-2222-2222-2222-222222222222"), "Faster hand-off", null, 1, false,
        status, revision, "maria", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
        JsonSerializer.SerializeToElement(draft ?? SampleDocument()), [], []);

    public static ProposalDto WithDraft(ProposalDto proposal, Action<JsonObject> edit, int revision)
    {
        var draft = (JsonObject)JsonNode.Parse(proposal.Draft.GetRawText())!;
        edit(draft);
        return proposal with { Draft = JsonSerializer.SerializeToElement(draft), Revision = revision };
    }
}
