using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Api.Endpoints;

/// <summary>Stored leads (batch upsert, CSV import, read, list, outcomes) and scoring against a tenant's playbook.</summary>
internal static class LeadEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ColumnMapHeader = "X-Column-Map";

    /// <summary>The CSV import's own body limit (<c>Leads:ImportMaxBytes</c>); every other route keeps the host's 4 MiB.</summary>
    public const long DefaultImportMaxBytes = 1L << 30;

    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain"];

    public static void MapLeadEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("", "Leads");

        group.MapPost("/leads:batch", async Task<Ok<UpsertLeadsResponse>> (UpsertLeadsRequest request, Guid? playbook, HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                var key = http.Headers[IdempotencyKeyHeader].ToString();
                return TypedResults.Ok(await sender.Send(new UpsertLeadsCommand(request, playbook, string.IsNullOrEmpty(key) ? null : key), ct));
            })
            .RequirePermission(Permissions.Leads.Write).WithName("UpsertLeads")
            .WithSummary("Create or update up to 1,000 leads by external id, with field values and events; idempotent; honours Idempotency-Key. ?playbook= (default: the tenant's first playbook).");

        group.MapPost("/leads:import", async Task<Ok<ImportLeadsResponse>> (Guid? playbook, HttpRequest http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
            {
                // This route alone may receive a large body: it is streamed, never buffered. Raised before the body is read.
                if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = configuration.GetValue("Leads:ImportMaxBytes", DefaultImportMaxBytes);
                var mediaType = http.ContentType?.Split(';')[0].Trim();
                if (mediaType is null || !CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
                    throw new BadHttpRequestException($"Send the CSV as the body with Content-Type: text/csv (got '{mediaType ?? "none"}').", StatusCodes.Status415UnsupportedMediaType);
                var map = ReadColumnMap(http);
                return TypedResults.Ok(await sender.Send(new ImportLeadsCommand(http.Body, playbook, map), ct));
            })
            .RequirePermission(Permissions.Leads.Write).WithName("ImportLeads")
            .WithSummary("Import leads from CSV (text/csv body, header row; X-Column-Map maps headers to field keys), streamed and committed in chunks; reports every rejected row with its line.");

        group.MapGet("/leads", async Task<Ok<Page<LeadSummaryDto>>> (string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLeadsQuery(cursor, limit), ct)))
            .RequirePermission(Permissions.Leads.Read).WithName("ListLeads").WithSummary("The tenant's leads, newest first, with stage and current score.");

        group.MapGet("/leads/{leadId:guid}", async Task<Ok<LeadDetailDto>> (Guid leadId, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var lead = await sender.Send(new GetLeadQuery(leadId), ct);
                Preconditions.SetETag(response, lead.Revision);
                return TypedResults.Ok(lead);
            })
            .RequirePermission(Permissions.Leads.Read).WithName("GetLead")
            .WithSummary("A lead: values, events, funnel, outcomes, current score (or unscored) and score history; ETag = revision.");

        group.MapPost("/leads/{leadId:guid}/outcomes", async Task<Ok<LeadDetailDto>> (Guid leadId, RecordOutcomeRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                var lead = await sender.Send(new RecordOutcomeCommand(leadId, request, Preconditions.IfMatch(http)), ct);
                Preconditions.SetETag(http.HttpContext.Response, lead.Revision);
                return TypedResults.Ok(lead);
            })
            .RequirePermission(Permissions.Leads.Outcomes).WithName("RecordLeadOutcome")
            .WithSummary("Record an outcome: mqlReached, firstContact, sqlAccepted, rejected (reason), opportunityCreated, won/lost (amount); out of order → 409. If-Match optional.");

        group.MapPost("/playbooks/{playbookId:guid}/score", async Task<Ok<ScoreLeadsResponse>> (Guid playbookId, ScoreLeadsRequest request, int? version, Guid? proposal, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ScoreLeadsQuery(playbookId, request, version, proposal), ct)))
            .RequirePermission(Permissions.Scoring.Run).WithName("ScoreLeads")
            .WithSummary("Score one lead or a batch against the current version, ?version=n, or ?proposal={id} (its draft), with the full explanation. Stores nothing.");
    }

    private static Dictionary<string, string>? ReadColumnMap(HttpRequest http)
    {
        var raw = http.Headers[ColumnMapHeader].ToString();
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(raw);
        }
        catch (JsonException)
        {
            throw new BadHttpRequestException($"{ColumnMapHeader} must be a JSON object of CSV header → field key, e.g. {{\"Company Size\":\"companySize\",\"Lead ID\":\"externalId\"}}.");
        }
    }
}
