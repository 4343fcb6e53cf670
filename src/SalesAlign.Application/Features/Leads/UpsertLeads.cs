using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// <c>POST /t/{tenant}/leads:batch</c>: upserts leads by external id against a playbook's vocabulary (decision 0016), all or
/// nothing. With an <c>Idempotency-Key</c>, the first answer is stored in the same transaction and replayed for the same
/// key and body; the same key with another body is refused (422).
/// </summary>
[RequiresPermission(Permissions.Leads.Write)]
public sealed record UpsertLeadsCommand(UpsertLeadsRequest Request, Guid? PlaybookId = null, string? IdempotencyKey = null) : ICommand<UpsertLeadsResponse>;

internal sealed class UpsertLeadsValidator : AbstractValidator<UpsertLeadsCommand>
{
    public const int MaxBatch = 1000;

    public UpsertLeadsValidator()
    {
        RuleFor(c => c.Request.Leads).NotNull().OverridePropertyName("/leads").WithErrorCode("request.leads_required").WithMessage("Send 'leads': an array of 1 to 1,000 leads.");
        RuleFor(c => c.Request.Leads)
            .Must(l => l is null || l.Count is > 0 and <= MaxBatch)
            .OverridePropertyName("/leads").WithErrorCode("request.batch_size").WithMessage($"A batch holds 1 to {MaxBatch:N0} leads.");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (k.Length is > 0 and <= IdempotentRequest.MaxKeyLength && k.All(ch => ch is >= '!' and <= '~')))
            .OverridePropertyName("Idempotency-Key").WithErrorCode("request.idempotency_key")
            .WithMessage($"An Idempotency-Key is 1 to {IdempotentRequest.MaxKeyLength} visible ASCII characters.");
        RuleFor(c => c).Custom((command, context) =>
        {
            if (command.Request.Leads is not { } leads)
                return;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < leads.Count; i++)
            {
                var id = leads[i]?.ExternalId;
                if (string.IsNullOrWhiteSpace(id) || id.Length > Lead.MaxExternalIdLength)
                    context.AddFailure(new ValidationFailure($"/leads/{i}/externalId", $"Each lead needs an externalId of 1 to {Lead.MaxExternalIdLength} characters.") { ErrorCode = "lead.external_id" });
                else if (!seen.TryAdd(id, i))
                    context.AddFailure(new ValidationFailure($"/leads/{i}/externalId", $"'{id}' is also lead {seen[id]} of this batch; send each lead once.") { ErrorCode = "lead.duplicate_id" });
            }
        });
    }
}

internal sealed class UpsertLeadsHandler(IAppDbContext db, IAuditLog audit, CompiledPlaybookCache cache, TimeProvider clock)
    : ICommandHandler<UpsertLeadsCommand, UpsertLeadsResponse>
{
    private const string Operation = "leads:batch";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<UpsertLeadsResponse> Handle(UpsertLeadsCommand command, CancellationToken cancellationToken)
    {
        var hash = command.IdempotencyKey is null ? null : RequestHash(command);
        if (command.IdempotencyKey is { } key && await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken) is { } earlier)
        {
            return earlier.Operation == Operation && earlier.RequestHash == hash
                ? JsonSerializer.Deserialize<UpsertLeadsResponse>(earlier.ResponseJson, Json)!
                : throw new UnprocessableException("idempotency.key_reused",
                    $"Idempotency-Key '{key}' was already used for a different request; use a new key for a new request.");
        }

        var playbook = await LeadPlaybooks.CurrentAsync(db, cache, command.PlaybookId, cancellationToken);
        var leads = command.Request.Leads;
        var failures = new List<ValidationFailure>();
        var inputs = new List<LeadInput>(leads.Count);
        for (var i = 0; i < leads.Count; i++)
        {
            var data = new LeadData(leads[i].Fields ?? new Dictionary<string, JsonElement>(),
                leads[i].Events?.Select(e => new EngagementEvent(e.Type, e.OccurredAt)).ToList() ?? []);
            var problems = LeadValidation.Validate(playbook.Document, data);
            failures.AddRange(problems.Select(p => new ValidationFailure($"/leads/{i}{p.Path}", p.Message) { ErrorCode = "lead.invalid" }));
            inputs.Add(new LeadInput(leads[i].ExternalId!, leads[i].Fields, data.Events));
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);

        var now = clock.GetUtcNow();
        var written = await LeadWriter.UpsertAsync(db, playbook, inputs, now, cancellationToken);
        var created = written.Count(w => w.Status == LeadWriteStatus.Created);
        var updated = written.Count(w => w.Status == LeadWriteStatus.Updated);
        if (created + updated > 0)
            audit.Record("leads.upserted", "Lead", Operation, after: new { Playbook = playbook.PlaybookId, Created = created, Updated = updated });
        await db.SaveChangesAsync(cancellationToken);

        var response = new UpsertLeadsResponse(playbook.PlaybookId, created, updated, written.Count - created - updated,
            written.Select(w => new UpsertedLeadDto(w.Lead.ExternalId, w.Lead.Id, WireName.Of(w.Status), w.Lead.Revision)).ToList(),
            await db.LeadDataVersions.CurrentAsync(cancellationToken));
        if (command.IdempotencyKey is { } newKey)
        {
            db.IdempotentRequests.Add(new IdempotentRequest
            {
                Key = newKey,
                Operation = Operation,
                RequestHash = hash!,
                StatusCode = 200,
                ResponseJson = JsonSerializer.Serialize(response, Json),
                CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // The same key arrived twice at once: the other request holds it; nothing of this one is committed.
                throw new ConflictException("idempotency.in_flight", $"A request with Idempotency-Key '{newKey}' is being processed; retry it shortly to get its answer.", ex);
            }
        }
        return response;
    }


    /// <summary>The body as the server understood it plus the parameters that change its meaning: formatting does not matter.</summary>
    private static string RequestHash(UpsertLeadsCommand command)
    {
        var canonical = JsonSerializer.Serialize(new { command.Request, command.PlaybookId }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
