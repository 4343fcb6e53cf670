using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesAlign.Api.Problems;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Leads;

namespace SalesAlign.Api.Endpoints;

/// <summary>Stored leads: batch upsert, CSV import (inline or as a job), read, list, outcomes.</summary>
internal static class LeadsEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ColumnMapHeader = "X-Column-Map";

    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain"];

    public static void MapLeadsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("", "Leads");

        group.MapPost("/leads:batch", UpsertLeads)
            .ForUseCase<UpsertLeadsCommand>().WithName("UpsertLeads")
            // An Idempotency-Key reused with another body: the one failure no declaration implies.
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Create or update up to 1,000 leads by external id, with field values and events; idempotent; honours Idempotency-Key. ?playbook= (default: the tenant's first playbook).");

        group.MapPost("/leads:import", ImportLeads)
            .ForUseCase<ImportLeadsCommand>().WithName("ImportLeads")
            .WithSummary("Import leads from CSV (text/csv body, header row; X-Column-Map maps headers to field keys). Up to Leads:InlineImportBytes: answered inline (200). Larger: spooled and run as a job (202, Location: the job). Over Leads:ImportMaxBytes: 413 before anything is written.");

        group.MapGet("/imports/{importId:guid}", GetLeadImport)
            .ForUseCase<GetLeadImportJobQuery>().WithName("GetLeadImport")
            .WithSummary("A CSV import job: status (queued, running, succeeded, failed) and exactly what has been committed so far — rows landed, rejected rows with line and reason.");

        group.MapGet("/leads", ListLeads)
            .ForUseCase<ListLeadsQuery>().WithName("ListLeads").WithSummary("The tenant's leads, newest first, with stage and current score.");

        group.MapGet("/leads/{leadId:guid}", GetLead)
            .ForUseCase<GetLeadQuery>().WithName("GetLead")
            .WithSummary("A lead: values, events, funnel, outcomes, current score (or unscored) and score history; ETag = revision.");

        group.MapPost("/leads/{leadId:guid}/outcomes", RecordLeadOutcome)
            .ForUseCase<RecordOutcomeCommand>().WithName("RecordLeadOutcome")
            .WithSummary("Record an outcome: mqlReached, firstContact, sqlAccepted, rejected (reason), opportunityCreated, won/lost (amount); out of order → 409. If-Match optional.");
    }

    private static async Task<Ok<UpsertLeadsResponse>> UpsertLeads(UpsertLeadsRequest request, Guid? playbook, HttpRequest http, ISender sender, CancellationToken ct)
    {
        var key = http.Headers[IdempotencyKeyHeader].ToString();
        return TypedResults.Ok(await sender.Send(new UpsertLeadsCommand(request, playbook, string.IsNullOrEmpty(key) ? null : key), ct));
    }

    private static async Task<Ok<LeadImportJobDto>> GetLeadImport(Guid importId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetLeadImportJobQuery(importId), ct));

    private static async Task<Ok<Page<LeadSummaryDto>>> ListLeads(string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListLeadsQuery(cursor, limit), ct));

    private static async Task<Ok<LeadDetailDto>> GetLead(Guid leadId, HttpResponse response, ISender sender, CancellationToken ct)
    {
        var lead = await sender.Send(new GetLeadQuery(leadId), ct);
        Preconditions.SetETag(response, lead.Revision);
        return TypedResults.Ok(lead);
    }

    private static async Task<Ok<LeadDetailDto>> RecordLeadOutcome(Guid leadId, RecordOutcomeRequest request, HttpRequest http, ISender sender, CancellationToken ct)
    {
        var lead = await sender.Send(new RecordOutcomeCommand(leadId, request, Preconditions.IfMatch(http)), ct);
        Preconditions.SetETag(http.HttpContext.Response, lead.Revision);
        return TypedResults.Ok(lead);
    }

    /// <summary>
    /// The CSV import (decisions 0018, 0037). A declared length over the maximum is refused before a byte is read; a
    /// declared length up to the inline limit is streamed into the import as before. Anything else (larger, or no
    /// Content-Length) is spooled to disk, counting bytes: over the maximum → 413 with nothing written; a chunked body
    /// that turns out small is still imported inline; a large one becomes a job, answered 202 once the whole file is on
    /// disk and the job recorded, so a client hanging up afterwards loses nothing.
    /// </summary>
    private static async Task<Results<Ok<ImportLeadsResponse>, Accepted<LeadImportJobDto>, ProblemHttpResult>> ImportLeads(
        Guid? playbook, HttpRequest http, LeadImportOptions options, ITenantContext tenant, ISender sender, CancellationToken ct)
    {
        // This route alone may receive a large body: it is streamed, never buffered. Raised before the body is read.
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.ImportMaxBytes;
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            throw new BadHttpRequestException($"Send the CSV as the body with Content-Type: text/csv (got '{mediaType ?? "none"}').", StatusCodes.Status415UnsupportedMediaType);
        var map = ReadColumnMap(http);
        if (http.ContentLength > options.ImportMaxBytes)
            return TooLarge(options);
        if (http.ContentLength <= options.InlineImportBytes)
            return TypedResults.Ok(await sender.Send(new ImportLeadsCommand(http.Body, playbook, map), ct));

        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A tenant route has a tenant.");
        var jobId = Guid.CreateVersion7();
        var path = options.SpoolPathFor(tenantId, jobId);
        long bytes;
        try
        {
            bytes = await LeadImportSpool.WriteAsync(http.Body, path, options.ImportMaxBytes, ct);
        }
        catch (Exception e) when (e is ImportTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(options);
        }
        try
        {
            if (bytes <= options.InlineImportBytes)
            {
                await using var file = File.OpenRead(path);
                return TypedResults.Ok(await sender.Send(new ImportLeadsCommand(file, playbook, map), ct));
            }
            var job = await sender.Send(new StartLeadImportCommand(jobId, path, bytes, playbook, map), ct);
            return TypedResults.Accepted($"{http.PathBase}/api/v1/t/{tenant.Slug}/imports/{job.Id}", job);
        }
        catch
        {
            LeadImportSpool.Delete(path);
            throw;
        }
        finally
        {
            if (bytes <= options.InlineImportBytes)
                LeadImportSpool.Delete(path);
        }
    }

    private static ProblemHttpResult TooLarge(LeadImportOptions options)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = $"A CSV import may be at most {options.ImportMaxBytes:N0} bytes (Leads:ImportMaxBytes); nothing was imported. Split the file.",
            Type = ApiExceptionHandler.TypeOf("payload_too_large"),
        };
        problem.Extensions["code"] = "payload_too_large";
        return TypedResults.Problem(problem);
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
