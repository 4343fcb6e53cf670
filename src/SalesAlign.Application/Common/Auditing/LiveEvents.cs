using System.Text.Json;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Domain.Live;

namespace SalesAlign.Application.Common.Auditing;

/// <summary>
/// The outbox side of <see cref="ILiveEvents"/>, the twin of <see cref="AuditLog"/>: a row in the current unit
/// of work, so the event commits with its change or not at all. Seq is left to the save (the database's counter).
/// </summary>
internal sealed class LiveEvents(IAppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : ILiveEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Publish(string type, string? objectId, int? revision, object? data = null) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.TenantId ?? throw new InvalidOperationException("An event needs a current tenant."),
            Type = type,
            At = clock.GetUtcNow(),
            ActorId = user.UserId ?? throw new ForbiddenException("auth.required", "A published change needs a known caller."),
            ObjectId = objectId,
            Revision = revision,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, data.GetType(), Json),
        });
}
