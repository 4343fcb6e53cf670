using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Json;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// PATCH of a proposal takes either a new title/rationale/draft (<c>application/json</c>) or a JSON Patch of the
/// draft (<c>application/json-patch+json</c>), which a co-editing client sends so as not to overwrite fields it
/// did not touch. The patch applies to the revision named in If-Match, never to a newer one.
/// </summary>
internal static class ProposalPatch
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static async Task<UpdateProposalRequest> ReadAsync(HttpRequest http, Guid proposalId, int revision, ISender sender, JsonSerializerOptions options, CancellationToken ct)
    {
        var contentType = http.ContentType ?? "";
        try
        {
            if (contentType.StartsWith(JsonPatchMediaType, StringComparison.OrdinalIgnoreCase))
            {
                var operations = JsonPatch.Parse(await JsonNode.ParseAsync(http.Body, cancellationToken: ct));
                var proposal = await sender.Send(new GetProposalQuery(proposalId), ct);
                if (proposal.Revision != revision)
                    throw new PreconditionFailedException("Proposal", revision, proposal.Revision);
                var patched = JsonPatch.Apply(JsonNode.Parse(proposal.Draft.GetRawText())!, operations);
                return new UpdateProposalRequest(Document: JsonSerializer.SerializeToElement(patched));
            }
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                return await JsonSerializer.DeserializeAsync<UpdateProposalRequest>(http.Body, options, ct)
                    ?? throw new BadHttpRequestException("The body is empty.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body could not be read.", StatusCodes.Status400BadRequest, ex);
        }
        throw new BadHttpRequestException($"Send application/json or {JsonPatchMediaType}.", StatusCodes.Status415UnsupportedMediaType);
    }
}
