using System.Text.Json;
using System.Text.Json.Nodes;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Json;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// Binding of a proposal PATCH: a new title/rationale/draft (<c>application/json</c>) or a JSON Patch of the
/// draft (<c>application/json-patch+json</c>). Only reads the body; the use case applies the patch to the
/// revision named in If-Match (<see cref="UpdateProposalCommand"/>).
/// </summary>
internal static class ProposalPatch
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static async Task<UpdateProposalCommand> ReadAsync(HttpRequest http, Guid proposalId, int revision, JsonSerializerOptions options, CancellationToken ct)
    {
        var contentType = http.ContentType ?? "";
        try
        {
            if (contentType.StartsWith(JsonPatchMediaType, StringComparison.OrdinalIgnoreCase))
            {
                var operations = JsonPatch.Parse(await JsonNode.ParseAsync(http.Body, cancellationToken: ct));
                return new UpdateProposalCommand(proposalId, revision, new UpdateProposalRequest(), operations);
            }
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var request = await JsonSerializer.DeserializeAsync<UpdateProposalRequest>(http.Body, options, ct)
                    ?? throw new BadHttpRequestException("The body is empty.");
                return new UpdateProposalCommand(proposalId, revision, request);
            }
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body could not be read.", StatusCodes.Status400BadRequest, ex);
        }
        throw new BadHttpRequestException($"Send application/json or {JsonPatchMediaType}.", StatusCodes.Status415UnsupportedMediaType);
    }
}
