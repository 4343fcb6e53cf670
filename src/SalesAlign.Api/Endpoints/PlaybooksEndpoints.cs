using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Playbooks;

namespace SalesAlign.Api.Endpoints;

/// <summary>Playbooks and their published versions: create, read (304 to a current ETag), versions, diffs.</summary>
internal static class PlaybooksEndpoints
{
    public static void MapPlaybooksEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/playbooks", "Playbooks");

        group.MapGet("", ListPlaybooks)
            .ForUseCase<ListPlaybooksQuery>().WithName("ListPlaybooks").WithSummary("Playbooks of the tenant (paged).");

        group.MapPost("", CreatePlaybook)
            .ForUseCase<CreatePlaybookCommand>().WithName("CreatePlaybook").WithSummary("Create a playbook; its document is published as v1.");

        group.MapGet("/{playbookId:guid}", GetPlaybook)
            .ForUseCase<GetPlaybookQuery>().WithName("GetPlaybook").WithSummary("A playbook with its current version.");

        group.MapGet("/{playbookId:guid}/versions", ListVersions)
            .ForUseCase<ListVersionsQuery>().WithName("ListVersions").WithSummary("Published versions, newest first.");

        group.MapGet("/{playbookId:guid}/versions/{n:int}", GetVersion)
            .ForUseCase<GetVersionQuery>().WithName("GetVersion").WithSummary("One published version with its document.");

        group.MapGet("/{playbookId:guid}/versions/{a:int}/diff/{b:int}", DiffVersions)
            .ForUseCase<DiffVersionsQuery>().WithName("DiffVersions").WithSummary("What changed between two versions, in plain words.");
    }

    private static async Task<Ok<Page<PlaybookSummaryDto>>> ListPlaybooks(string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPlaybooksQuery(cursor, limit), ct));

    private static async Task<Created<PlaybookDto>> CreatePlaybook(string tenant, CreatePlaybookRequest request, ISender sender, CancellationToken ct)
    {
        var playbook = await sender.Send(new CreatePlaybookCommand(request), ct);
        return TypedResults.Created($"/api/v1/t/{tenant}/playbooks/{playbook.Id}", playbook);
    }

    private static async Task<Results<Ok<PlaybookDto>, NotModified>> GetPlaybook(Guid playbookId, ISender sender, HttpContext http, CancellationToken ct)
    {
        var playbook = await sender.Send(new GetPlaybookQuery(playbookId), ct);
        Preconditions.SetETag(http.Response, playbook.Revision);
        // Integrations poll the agreement: an unchanged one costs them (and us) no body.
        return Preconditions.IfNoneMatch(http.Request, playbook.Revision)
            ? NotModified.Instance
            : TypedResults.Ok(playbook);
    }

    private static async Task<Ok<Page<VersionSummaryDto>>> ListVersions(Guid playbookId, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListVersionsQuery(playbookId, cursor, limit), ct));

    private static async Task<Ok<VersionDto>> GetVersion(Guid playbookId, int n, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetVersionQuery(playbookId, n), ct));

    private static async Task<Ok<DiffDto>> DiffVersions(Guid playbookId, int a, int b, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DiffVersionsQuery(playbookId, a, b), ct));
}
